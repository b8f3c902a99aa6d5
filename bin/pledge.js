#!/usr/bin/env node
// The installed `pledge` command: runs the TypeScript entry point through tsx (see docs/decisions/0001).
import { register } from 'tsx/esm/api';

register();
await import('../src/main/pledge.ts');
