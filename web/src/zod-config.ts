/**
 * Imported first by main.tsx, before the core's settings build their zod schemas. zod probes
 * `new Function()` to compile faster parsers; the page's Content-Security-Policy forbids eval and
 * Trusted Types forbid script strings, so the probe would only log a violation. Tell zod not to try.
 */
import { config } from 'zod';

config({ jitless: true });
