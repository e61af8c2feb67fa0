/**
 * What the routes' requests share: the error document, the `account` query parameter and the
 * pieces request schemas are built from. Each route module holds its own request schemas; the
 * answers' schemas sit beside the use cases that produce them (`*.schema.ts` in src/app and src/core).
 */
import { z } from '@hono/zod-openapi';
import { ACCOUNT_NAME_PATTERN, NAME_RULE } from '../app/index.ts';
import { ERROR_CODES } from '../core/index.ts';
import { int } from '../core/schema-parts.ts';

export const ErrorSchema = z
  .strictObject({
    error: z.strictObject({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      file: z.string().optional(),
      line: int().optional(),
      problems: z.array(z.string()).optional(),
      data: z.record(z.string(), z.unknown()).optional().openapi({
        description:
          'Machine-readable details, e.g. a refused send: `{ "reason": "COOLDOWN", "until": ... }`',
      }),
    }),
  })
  .openapi('Error');

export const AccountQuery = z.object({
  account: z
    .string()
    .regex(ACCOUNT_NAME_PATTERN, NAME_RULE)
    .optional()
    .openapi({
      // The pattern as JSON Schema writes it (the generator would append the RegExp's flags).
      pattern: ACCOUNT_NAME_PATTERN.source,
      param: { name: 'account', in: 'query' },
      description: 'The LinkedIn account (default: the configured one)',
      example: 'default',
    }),
});

/** A number in a query string. */
export const queryInt = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .openapi({ type: 'integer', minimum: min, maximum: max });

export const PersonText = z.string().trim().min(1).max(300).openapi({
  description: 'A profile URL (any LinkedIn form) or a name',
  example: 'https://www.linkedin.com/in/jane-doe',
});

export const booleanField = z
  .enum(['true', 'false'])
  .optional()
  .transform((v) => v === 'true')
  .openapi({ type: 'string', enum: ['true', 'false'] });
