#!/usr/bin/env node
// `npx javumbo-load`: the suite is TypeScript run by tsx; register its loader (resolved from
// this package, wherever the command is typed) and hand over to the entry.
import { register } from 'tsx/esm/api';

register();
await import('./javumbo-load.ts');
