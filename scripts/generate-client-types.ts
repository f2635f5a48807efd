import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CLIENT_TYPES_FILE, generateClientTypes } from './client-types.js';

/** `npm run client:types`: rewrites the TypeScript client's generated types. */
const text = await generateClientTypes();
writeFileSync(CLIENT_TYPES_FILE, text);
console.log(`wrote ${fileURLToPath(CLIENT_TYPES_FILE)} (${text.length} characters)`);
