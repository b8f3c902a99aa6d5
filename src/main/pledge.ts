// The composition root: the one module that wires every layer and picks what runs.
import { runCli } from '../cli/program.ts';
import { cliRuntime } from './runtime.ts';

const code = await runCli(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }, cliRuntime);
process.exitCode = code;
