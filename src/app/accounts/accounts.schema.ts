/** /api/accounts: the accounts the caller may see, and who the caller is. */
import { z } from '@hono/zod-openapi';

export const AccountsSchema = z
  .strictObject({
    defaultAccount: z.string(),
    accounts: z.array(z.strictObject({ name: z.string() })),
    caller: z
      .strictObject({
        user: z
          .string()
          .nullable()
          .openapi({ description: 'The signed-in user (team mode); null for the local member' }),
        role: z.string().nullable().openapi({ description: 'Their role in the workspace (team mode)' }),
        canWrite: z.boolean().openapi({ description: 'Whether they may change data (a viewer may not)' }),
      })
      .openapi({ description: 'Who is asking: the dashboard shows it and hides what a viewer may not do' }),
  })
  .openapi('Accounts');
