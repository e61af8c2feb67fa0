/** Building blocks of the report's JSON Schema (report-schema.ts and its sections). */
export const instant = {
  type: 'string',
  format: 'date-time',
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$',
  description: 'An instant in UTC, ISO 8601 with milliseconds.',
} as const;
export const count = { type: 'integer', minimum: 0 } as const;
export const described = <T extends object>(schema: T, description: string) =>
  ({ ...schema, description }) as const;
export const share = { type: 'number', minimum: 0, maximum: 1 } as const;
export const nullable = <T extends object>(schema: T) => ({ anyOf: [schema, { type: 'null' }] }) as const;
export const shareOrNull = nullable(share);
export const nonNegative = { type: 'number', minimum: 0 } as const;

export const week = {
  type: 'string',
  pattern: '^\\d{4}-W\\d{2}$',
  description: 'ISO week in the account time zone.',
} as const;
