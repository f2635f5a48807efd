#!/usr/bin/env -S node --max-semi-space-size=32
// A 32 MB young generation (V8's default is 16): fewer scavenges and promotions per request,
// about a fifth less server CPU per read for ~30 MB more memory (docs/performance.md, session 9).
// `npm start` runs with the same option.
import '../dist/cli/main.js';
