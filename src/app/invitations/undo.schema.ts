/** The answer of an undo (`invitekeeper undo --json`, POST /api/undo): the one definition of the contract. */
import { z } from '@hono/zod-openapi';
import { UNDOABLE_KINDS } from './undo.ts';

export const UndoableRecordSchema = z.strictObject({
  kind: z.enum(UNDOABLE_KINDS),
  name: z.string(),
  profileUrl: z.string().nullable(),
  at: z.string().openapi({ description: 'When the thing recorded happened (the send, the withdrawal...)' }),
  recordedAt: z.string().openapi({ description: 'When it was recorded' }),
});

export const UndoResultSchema = z
  .strictObject({
    undone: UndoableRecordSchema,
    left: z.number().int().min(0).openapi({ description: 'Records of today still undoable' }),
  })
  .openapi('UndoResult');
