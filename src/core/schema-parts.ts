/**
 * What the contract schemas (the `*.schema.ts` files beside the code whose answers they describe) are
 * built from. Those modules import zod in full, with the OpenAPI extension that names their
 * components: only the server, the JSON Schema and API-type generation, and tests load them. The use
 * cases take their types from them with `import type` (erased), so no command's start-up pays for
 * them; for the same reason core/index.ts re-exports none of them.
 */
import { z } from '@hono/zod-openapi';

export const int = () => z.number().int();
export const count = () => z.number().int().min(0);
export const iso = () => z.string().openapi({ format: 'date-time', example: '2026-11-21T08:30:00.000Z' });
