import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The billing page. `vite build web` (part of `npm run build`) writes it to dist/web, which the API
 * server serves at `/`. `vite web` serves it for development, proxying the API to PICTOR_API_URL
 * (default http://127.0.0.1:3000, a running `npm start`).
 */
const api = process.env.PICTOR_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  publicDir: false,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    chunkSizeWarningLimit: 1200,
  },
  server: { proxy: { '/v1': api, '/sandbox': api, '/docs': api } },
});
