/**
 * The API's request and response schemas. They validate input and, through @hono/zod-openapi, are the
 * OpenAPI document: one definition, so the document cannot drift from what the routes accept.
 */
import { z } from '@hono/zod-openapi';
import { ACCOUNT_NAME_PATTERN } from '../app/index.ts';
import {
  ERROR_CODES,
  INVITATION_STATUSES,
  NOTE_LINT_CODES,
  PERSON_BLOCKS,
  RELATIONS,
  SKIP_REASONS,
} from '../core/index.ts';

const int = () => z.number().int();
const count = () => z.number().int().min(0);
const iso = () => z.string().openapi({ format: 'date-time', example: '2026-11-21T08:30:00.000Z' });

// ---- errors -----------------------------------------------------------------------------------

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

// ---- common parameters ------------------------------------------------------------------------

export const AccountQuery = z.object({
  account: z
    .string()
    .regex(ACCOUNT_NAME_PATTERN, 'letters, digits, space, dot, dash, underscore or @, up to 100')
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
const queryInt = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .openapi({ type: 'integer', minimum: min, maximum: max });

// ---- status (SPEC section 7) ------------------------------------------------------------------

const WarningSchema = z.strictObject({ code: z.string(), message: z.string() }).openapi('Warning');

export const StatusSchema = z
  .strictObject({
    asOf: iso(),
    account: z.string(),
    pending: z.strictObject({
      count: count(),
      stale: count(),
      oldestAgeDays: count().nullable(),
      expiringWithin14Days: count(),
    }),
    quota: z.strictObject({
      weeklyLimit: count(),
      sentLast7Days: count(),
      remaining: count(),
      dailyLimit: count(),
      sentToday: count(),
    }),
    notes: z.strictObject({
      maxChars: count(),
      monthlyLimit: count().nullable(),
      usedLast30Days: count(),
    }),
    acceptance: z.strictObject({
      sent: count(),
      accepted: count(),
      rate: z.number().min(0).max(1).nullable(),
      maturedSent: count(),
      maturedRate: z.number().min(0).max(1).nullable(),
    }),
    cooldowns: z.strictObject({ active: count() }),
    risk: z.strictObject({ level: z.enum(['ok', 'watch', 'high']), reasons: z.array(z.string()) }),
    warnings: z.array(WarningSchema),
  })
  .openapi('Status', { description: 'The same document as `invitekeeper status --json` (SPEC section 7).' });

// ---- plan (SPEC section 7, plus what the dashboard needs) -------------------------------------

export const PlanSchema = z
  .strictObject({
    asOf: iso(),
    withdrawals: z.array(
      z.strictObject({
        name: z.string(),
        profileUrl: z.string().nullable(),
        sentAt: iso(),
        ageDays: count(),
      }),
    ),
    withdrawalsDeferred: count(),
    sends: z.array(
      z.strictObject({
        name: z.string(),
        profileUrl: z.string().nullable(),
        note: z.string().nullable(),
        sendAfter: iso(),
        score: z.number(),
      }),
    ),
    skipped: z
      .array(
        z.strictObject({
          name: z.string(),
          profileUrl: z.string().nullable(),
          reason: z.enum(SKIP_REASONS),
          until: iso().optional(),
        }),
      )
      .openapi({
        description:
          'The skipped targets in order: the first PLAN_SKIPPED_SHOWN unless `skipped=all` (skippedCount has them all)',
      }),
    skippedCount: z
      .strictObject({
        total: count(),
        byReason: z
          .record(z.string(), count())
          .openapi({ description: 'How many are skipped for each reason' }),
      })
      .openapi({
        description: 'Every skipped target counted, by reason: the list above may be a first page',
      }),
    warnings: z.array(WarningSchema),
    details: z
      .strictObject({
        account: z.string(),
        withdrawnToday: count().openapi({ description: 'Withdrawals already recorded today' }),
        cap: count().openapi({ description: 'maxWithdrawalsPerDay' }),
        sentPageUrl: z.string(),
        sending: z.strictObject({
          sendable: count().openapi({ description: 'Sends allowed now (0 while paused)' }),
          paused: z.boolean(),
          targets: count().openapi({ description: 'Targets in the queue' }),
          template: z.strictObject({ id: z.string(), name: z.string() }).nullable(),
          notesLeft: count().nullable().openapi({
            description: 'Notes still allowed in the rolling 30 days, before this plan; null: unlimited',
          }),
          notesPlanned: count().openapi({ description: "Notes this plan's sends carry, out of notesLeft" }),
          notesDropped: count(),
          timezone: z.string(),
          sends: z
            .array(
              z.strictObject({
                timezone: z.string(),
                noteDropped: z.boolean(),
                noteOmitted: z.enum(['BUDGET', 'UNFILLED_VARIABLE', 'EMPTY']).nullable(),
                noteTrimmed: z.boolean(),
                unfilled: z.array(z.string()),
              }),
            )
            .openapi({ description: 'One entry per send, in the order of `sends`' }),
        }),
      })
      .openapi({ description: 'Not part of `plan --json`: what the dashboard shows beside the plan.' }),
  })
  .openapi('Plan', { description: '`invitekeeper plan --json` (SPEC section 7) plus `details`.' });

// ---- settings and accounts --------------------------------------------------------------------

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

export const SettingsSchema = z
  .strictObject({
    account: z.string(),
    staleAfterDays: count(),
    maxWithdrawalsPerDay: count(),
    reinviteCooldownDays: count(),
    weeklyInviteLimit: count(),
    dailyInviteLimit: count(),
    pendingWarnAt: count(),
    pendingPauseAt: count(),
    lowAcceptanceRate: z.number(),
    accountTier: z.enum(['free', 'premium']),
    noteMaxChars: count(),
    timezone: z.string(),
  })
  .openapi('Settings', { description: "The account's effective settings (the ones the rules use)." });

// ---- invitations ------------------------------------------------------------------------------

export const InvitationsQuery = AccountQuery.extend({
  status: z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (!s) return undefined;
      const list = s.split(',').map((x) => x.trim());
      for (const x of list) {
        if (!(INVITATION_STATUSES as readonly string[]).includes(x)) {
          ctx.addIssue({ code: 'custom', message: `"${x}" is not one of ${INVITATION_STATUSES.join(', ')}` });
          return z.NEVER;
        }
      }
      return list as Array<(typeof INVITATION_STATUSES)[number]>;
    })
    .openapi({
      type: 'string',
      description: `Comma-separated statuses (${INVITATION_STATUSES.join(', ')}); all when absent`,
      example: 'pending',
    }),
  minAgeDays: queryInt(0, 100_000).optional(),
  maxAgeDays: queryInt(0, 100_000).optional(),
  q: z.string().max(200).optional().openapi({ description: 'Part of the name (case and accents ignored)' }),
  order: z.enum(['oldest', 'newest']).optional(),
  limit: queryInt(1, 500).optional().openapi({ description: 'Page size (default 100, at most 500)' }),
  offset: queryInt(0, 10_000_000).optional(),
});

export const InvitationRowSchema = z
  .strictObject({
    id: int(),
    name: z.string(),
    profileUrl: z.string().nullable(),
    headline: z.string().nullable(),
    status: z.enum(INVITATION_STATUSES),
    sentAt: iso(),
    sentAtEarliest: iso(),
    ageDays: count(),
    stale: z.boolean(),
    note: z.string().nullable(),
    statusAt: iso().nullable(),
    expiresAt: iso().nullable(),
    cooldownUntil: iso().nullable(),
    source: z.enum(['export', 'sent-page', 'manual']),
  })
  .openapi('Invitation');

export const InvitationPageSchema = z
  .strictObject({
    asOf: iso(),
    account: z.string(),
    total: count(),
    limit: count(),
    offset: count(),
    nextOffset: count().nullable(),
    invitations: z.array(InvitationRowSchema),
  })
  .openapi('InvitationPage');

export const AgeHistogramSchema = z
  .strictObject({
    asOf: iso(),
    account: z.string(),
    staleAfterDays: count(),
    pending: count(),
    buckets: z.array(
      z.strictObject({
        fromDays: count(),
        toDays: count().nullable().openapi({ description: 'Inclusive; null for the last, open bucket' }),
        count: count(),
      }),
    ),
  })
  .openapi('AgeHistogram');

const AcceptanceFiguresSchema = z.strictObject({
  sent: count(),
  accepted: count(),
  rate: z.number().min(0).max(1).nullable(),
  maturedSent: count(),
  maturedAccepted: count(),
  maturedRate: z.number().min(0).max(1).nullable(),
  smallSample: z.boolean().openapi({ description: 'Fewer than 30 matured invitations: the rate is noise' }),
});

export const WeeklyAcceptanceSchema = z
  .strictObject({
    asOf: iso(),
    account: z.string(),
    staleAfterDays: count(),
    trackingSince: iso().nullable(),
    weeks: z.array(
      AcceptanceFiguresSchema.extend({
        key: z.string().openapi({ description: 'ISO week sent, like 2026-W47', example: '2026-W47' }),
        tracked: AcceptanceFiguresSchema.openapi({
          description: 'The same figures over invitations sent since tracking began (fully observed)',
        }),
      }),
    ),
  })
  .openapi('WeeklyAcceptance');

// ---- withdrawals ------------------------------------------------------------------------------

const PersonText = z.string().trim().min(1).max(300).openapi({
  description: 'A profile URL (any LinkedIn form) or a name',
  example: 'https://www.linkedin.com/in/jane-doe',
});

export const WithdrawalsBody = z
  .strictObject({
    people: z.array(PersonText).min(1).max(100),
    at: iso().optional().openapi({ description: 'When they were withdrawn (default now)' }),
  })
  .openapi('WithdrawalsRequest');

export const WithdrawalResultSchema = z
  .strictObject({
    recorded: z.array(
      z.strictObject({
        name: z.string(),
        profileUrl: z.string().nullable(),
        sentAt: iso(),
        withdrawnAt: iso(),
        cooldownUntil: iso().nullable(),
      }),
    ),
    withdrawnToday: count(),
    cap: count(),
    warnings: z.array(z.string()),
  })
  .openapi('WithdrawalResult');

// ---- import -----------------------------------------------------------------------------------

const RowErrorSchema = z
  .strictObject({
    file: z.string(),
    line: int(),
    message: z.string(),
    partial: z
      .strictObject({ name: z.string().optional(), profileUrl: z.string().nullable().optional() })
      .optional(),
  })
  .openapi('RowError');

export const ImportReportSchema = z
  .strictObject({
    account: z.string(),
    file: z.string(),
    kind: z.enum(['export', 'sent-page']),
    asOf: iso(),
    alreadyImported: z.boolean(),
    imported: count(),
    unchanged: count(),
    rowErrors: z.array(RowErrorSchema),
    invitations: z.strictObject({
      new: count(),
      refined: count(),
      unchanged: count(),
      incomingIgnored: count(),
      unidentified: count(),
    }),
    transitions: z.strictObject({ accepted: count(), closed: count(), expired: count() }),
    closedInvitations: z
      .array(z.strictObject({ name: z.string(), profileUrl: z.string().nullable(), sentAt: z.string() }))
      .describe('Each invitation the import closed (no longer listed: withdrawn or declined), oldest first'),
    connections: z.strictObject({ new: count(), updated: count(), unchanged: count(), nameless: count() }),
    notes: z.array(z.string()),
    ignoredFiles: z.array(z.string()),
  })
  .openapi('ImportReport');

const booleanField = z
  .enum(['true', 'false'])
  .optional()
  .transform((v) => v === 'true')
  .openapi({ type: 'string', enum: ['true', 'false'] });

export const ImportForm = z
  .object({
    file: z
      .custom<File>((v) => v instanceof File, 'a file upload')
      .openapi({
        type: 'string',
        format: 'binary',
        description: 'The ZIP, a CSV of it, or a Sent page (.txt/.html)',
      }),
    kind: z
      .enum(['auto', 'export', 'sent-page'])
      .optional()
      .openapi({ description: 'What the file is (default: by its name and content)' }),
    skipBadRows: booleanField.openapi({ description: 'Import the good rows when some are bad' }),
    allowEmpty: booleanField.openapi({
      description: 'Accept an export or a Sent page that lists no outgoing invitation while some are pending',
    }),
    asOf: iso().optional(),
  })
  .openapi('ImportUpload');

export const SentPageTextBody = z
  .strictObject({
    text: z.string().min(1).openapi({ description: 'The Sent page, selected and copied, or its HTML' }),
    skipBadRows: z.boolean().optional(),
    allowEmpty: z.boolean().optional(),
    asOf: iso().optional(),
  })
  .openapi('SentPageText');

// ---- targets, templates and sends -------------------------------------------------------------

export const TargetSchema = z
  .strictObject({
    name: z.string(),
    profileUrl: z.string().nullable(),
    relation: z.enum(RELATIONS).nullable(),
    mutualConnections: count().nullable(),
    connectionCount: count().nullable(),
    timezone: z.string().nullable(),
    tags: z.array(z.string()),
    company: z.string().nullable(),
    headline: z.string().nullable(),
    custom: z.record(z.string(), z.string()),
    doNotContact: z.boolean(),
    addedAt: iso(),
    status: z.union([z.literal('ready'), z.enum(PERSON_BLOCKS)]).openapi({
      description: '`ready`, or why the plan skips this person whatever the quota',
    }),
    until: iso().optional(),
    unanswered: z.boolean().openapi({
      description: 'An invitation sent after they were queued ended without an answer (see `targets prune`)',
    }),
    score: z.number(),
  })
  .openapi('Target');

export const TargetListSchema = z
  .strictObject({ account: z.string(), asOf: iso(), targets: z.array(TargetSchema) })
  .openapi('TargetList');

export const TargetsQuery = AccountQuery.extend({
  tag: z.string().max(100).optional(),
  status: z
    .union([z.literal('ready'), z.enum(PERSON_BLOCKS)])
    .optional()
    .openapi({ description: '`ready` or a skip reason' }),
});

export const TargetAddBody = z
  .strictObject({
    person: PersonText,
    name: z.string().trim().max(200).optional(),
    relation: z.enum(RELATIONS).optional(),
    mutualConnections: z.number().int().min(0).max(100_000).optional(),
    connectionCount: z.number().int().min(0).max(100_000).optional(),
    timezone: z
      .string()
      .max(100)
      .optional()
      .openapi({ description: 'An IANA time zone, e.g. Europe/Berlin' }),
    tags: z.array(z.string().max(100)).max(50).optional(),
    company: z.string().max(200).optional(),
    headline: z.string().max(500).optional(),
    custom: z.record(z.string(), z.string().max(1000)).optional(),
  })
  .openapi('TargetAdd');

export const TargetChangeSchema = z
  .strictObject({ created: z.boolean(), changed: z.boolean(), target: TargetSchema })
  .openapi('TargetChange');

export const TargetBlockBody = z
  .strictObject({
    person: PersonText,
    name: z.string().trim().max(200).optional(),
    block: z
      .boolean()
      .optional()
      .openapi({ description: 'false lifts the do-not-contact flag (default true)' }),
  })
  .openapi('TargetBlock');

export const TargetImportReportSchema = z
  .strictObject({
    account: z.string(),
    file: z.string(),
    imported: count(),
    unchanged: count(),
    rowErrors: z.array(RowErrorSchema),
    targets: z.strictObject({ new: count(), updated: count(), unchanged: count() }),
    notes: z.array(z.string()),
  })
  .openapi('TargetImportReport');

export const TargetImportForm = z
  .object({
    file: z
      .custom<File>((v) => v instanceof File, 'a file upload')
      .openapi({ type: 'string', format: 'binary', description: 'The targets CSV (SPEC 3.3)' }),
    skipBadRows: booleanField.openapi({ description: 'Import the good rows when some are bad' }),
  })
  .openapi('TargetImportUpload');

const LintIssueSchema = z
  .strictObject({
    level: z.enum(['error', 'warning']),
    code: z.enum(NOTE_LINT_CODES),
    message: z.string(),
    start: count().optional(),
    end: count().optional(),
  })
  .openapi('NoteLintIssue');

export const TemplateSchema = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    body: z.string(),
    length: count(),
    variables: z.array(z.string()),
    isDefault: z.boolean(),
    createdAt: iso(),
    updatedAt: iso(),
  })
  .openapi('Template');

export const TemplateListSchema = z
  .strictObject({
    account: z.string(),
    defaultTemplate: z.string().nullable(),
    templates: z.array(TemplateSchema),
  })
  .openapi('TemplateList');

export const TemplateAddBody = z
  .strictObject({
    id: z
      .string()
      .min(1)
      .max(40)
      .openapi({ description: 'Lower-case letters, digits and dashes', example: 'met-at-event' }),
    body: z.string().min(1).max(5000),
    name: z.string().max(200).optional(),
    makeDefault: z.boolean().optional(),
    replace: z.boolean().optional().openapi({ description: 'Change an existing template of this id' }),
  })
  .openapi('TemplateAdd');

export const TemplateAddedSchema = z
  .strictObject({ created: z.boolean(), template: TemplateSchema, lint: z.array(LintIssueSchema) })
  .openapi('TemplateAdded');

export const TemplateLintBody = z
  .union([
    z.strictObject({ text: z.string().max(5000), targets: z.array(PersonText).max(100).optional() }),
    z.strictObject({ id: z.string().min(1).max(40), targets: z.array(PersonText).max(100).optional() }),
  ])
  .openapi('TemplateLintRequest', {
    description: 'A text, or a stored template by id; `targets` previews it for those people',
  });

export const TemplateLintSchema = z
  .strictObject({
    template: z.string().nullable(),
    tier: z.enum(['free', 'premium']),
    maxChars: count(),
    issues: z.array(LintIssueSchema),
    targets: z.array(
      z.strictObject({
        name: z.string(),
        profileUrl: z.string().nullable(),
        note: z.string(),
        length: count(),
        maxChars: count(),
        unfilled: z.array(z.string()),
        issues: z.array(LintIssueSchema),
      }),
    ),
    errors: count(),
    warnings: count(),
  })
  .openapi('TemplateLint');

export const SendBody = z
  .strictObject({
    person: PersonText,
    templateId: z.string().min(1).max(40).optional(),
    note: z.string().max(5000).optional(),
    at: iso().optional().openapi({ description: 'When it was sent (default now)' }),
  })
  .openapi('SendRequest');

export const SendResultSchema = z
  .strictObject({
    name: z.string(),
    profileUrl: z.string().nullable(),
    sentAt: iso(),
    note: z.string().nullable(),
    templateId: z.string().nullable(),
    quota: z.strictObject({
      weeklyLimit: count(),
      sentLast7Days: count(),
      dailyLimit: count(),
      sentToday: count(),
    }),
    notes: z.strictObject({ maxChars: count(), monthlyLimit: count().nullable(), usedLast30Days: count() }),
    warnings: z.array(z.string()),
  })
  .openapi('SendResult');
