/**
 * What the command kit needs of the app, in a module of its own so that src/cli/program.ts can
 * load it only when a command runs (not for --version): a dynamic import of the app's index would
 * load every use case, while these named imports let the bundle keep only what they reach.
 */
import { clockOf, givenNow, loadConfig, openApp } from '../app/index.ts';

export { clockOf, givenNow, loadConfig, openApp };
