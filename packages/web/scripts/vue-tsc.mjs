// Type-checks the web app, .vue files included. vue-tsc drives TypeScript's JavaScript compiler API,
// which TypeScript 7 (the repo's native `tsc`) no longer ships, so this package keeps TypeScript 6
// (the last release with that API, the same defaults as 7) and hands vue-tsc its `tsc` explicitly:
// npm hoists vue-tsc to the root, where `typescript` resolves to 7. Arguments pass through.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/lib/tsc');
const version = require('typescript/package.json').version;
if (!version.startsWith('6.')) throw new Error(`vue-tsc needs TypeScript 6 in packages/web; found ${version}`);
require('vue-tsc').run(tsc);
