import { ApiError } from '../api.ts';
import { AcceptanceChart } from '../components/AcceptanceChart.tsx';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { Gauge } from '../components/Gauge.tsx';
import { AgeHistogramChart } from '../components/Histogram.tsx';
import { PendingTrendChart } from '../components/PendingTrendChart.tsx';
import { SendTimeHeatmap } from '../components/SendTimeHeatmap.tsx';
import { TimeToAcceptChart } from '../components/TimeToAcceptChart.tsx';
import { formatCount, formatDateTime, formatPercent, plural, withoutCommands } from '../format.ts';
import { useApiAction, useCanWrite, useResource } from '../hooks.ts';
import { navigate } from '../router.ts';
import type { AgeHistogram, Plan, Report, Settings, Status, WeeklyAcceptance } from '../types.ts';

/** The account at a glance: the health cards, the warnings, and the charts. */
export function OverviewPage() {
  const status = useResource<Status>('/api/status');
  const plan = useResource<Plan>('/api/plan');
  const settings = useResource<Settings>('/api/settings');
  const ages = useResource<AgeHistogram>('/api/invitations/ages');
  const weekly = useResource<WeeklyAcceptance>('/api/invitations/acceptance');
  const report = useResource<Report>('/api/report');

  if (status.error) return <ErrorNotice error={status.error} />;
  const s = status.data;
  return (
    <>
      <div className="page-head">
        <h1>Account health</h1>
        {s && (
          <p className="muted">
            {s.account} · as of {formatDateTime(s.asOf)}
          </p>
        )}
      </div>
      {s ? (
        <HealthCards status={s} plan={plan.data} settings={settings.data} />
      ) : (
        <p className="muted">Loading…</p>
      )}
      {s && s.warnings.length > 0 && (
        <section className="panel" aria-labelledby="warnings-title">
          <h2 id="warnings-title">Worth your attention</h2>
          <ul className="warnings">
            {s.warnings.map((w) => (
              <li key={w.code} data-code={w.code}>
                {withoutCommands(w.message)}
                {w.code === 'STALE_PENDING' && (
                  <>
                    {' ('}
                    <a
                      href="/withdrawals"
                      onClick={(e) => {
                        e.preventDefault();
                        navigate('/withdrawals');
                      }}
                    >
                      today’s list
                    </a>
                    )
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="chart-grid">
        <section className="panel" aria-labelledby="ages-title">
          <h2 id="ages-title">Pending invitations by age</h2>
          <p className="panel__hint">
            Weeks since sending; bars past the line are stale and due for withdrawal.
          </p>
          {ages.error ? (
            <ErrorNotice error={ages.error} />
          ) : ages.data ? (
            ages.data.pending > 0 ? (
              <AgeHistogramChart data={ages.data} />
            ) : (
              <p className="empty">Nothing pending.</p>
            )
          ) : null}
        </section>
        <section className="panel" aria-labelledby="weekly-title">
          <h2 id="weekly-title">Acceptance by week sent</h2>
          <p className="panel__hint">
            Accepted out of sent, by the week they were sent. Faint bars: still maturing, more may accept.
          </p>
          {weekly.error ? (
            <ErrorNotice error={weekly.error} />
          ) : weekly.data ? (
            weekly.data.weeks.some((w) => w.sent > 0) ? (
              <AcceptanceChart data={weekly.data} />
            ) : (
              <p className="empty">No invitations yet.</p>
            )
          ) : null}
        </section>
        <section className="panel" aria-labelledby="trend-title">
          <h2 id="trend-title">Pending over time</h2>
          <p className="panel__hint">How many invitations were pending, on average, each week.</p>
          {report.error ? (
            <ErrorNotice error={report.error} />
          ) : report.data ? (
            (report.data.whatIf?.find((w) => w.isBase)?.replay.weeks.length ?? 0) > 1 ? (
              <PendingTrendChart
                weeks={report.data.whatIf!.find((w) => w.isBase)!.replay.weeks}
                warnAt={settings.data?.pendingWarnAt ?? 400}
              />
            ) : (
              <p className="empty">Two weeks of history make a trend.</p>
            )
          ) : (
            <p className="muted">Computing…</p>
          )}
        </section>
        <section className="panel" aria-labelledby="heat-title">
          <h2 id="heat-title">Best time to send</h2>
          <p className="panel__hint">
            Acceptance by the weekday and hour invitations went out, in{' '}
            {report.data?.settings.timezone ?? 'your'} time. Darker is better; grey cells have too few to
            tell.
          </p>
          {report.error ? (
            <ErrorNotice error={report.error} />
          ) : report.data ? (
            <SendTimeHeatmap
              cells={report.data.acceptance.byWeekdayHour}
              timezone={report.data.settings.timezone}
            />
          ) : (
            <p className="muted">Computing…</p>
          )}
        </section>
        <section className="panel" aria-labelledby="tta-title">
          <h2 id="tta-title">Time to accept</h2>
          <p className="panel__hint">Share of invitations accepted by each age, from your own history.</p>
          {report.error ? (
            <ErrorNotice error={report.error} />
          ) : report.data ? (
            <TimeToAccept report={report.data} />
          ) : (
            <p className="muted">Computing…</p>
          )}
        </section>
      </div>
    </>
  );
}

/** The button that sets staleAfterDays to the recommended threshold, and what it did. */
function ApplyRecommended({ days }: { days: number }) {
  const [state, apply] = useApiAction('/api/settings/stale-after-days/recommended');
  if (state === 'done') return <span className="notice notice--ok"> Now {plural(days, 'day')}.</span>;
  return (
    <>
      {' '}
      <button
        type="button"
        className="button button--small"
        data-testid="apply-recommended"
        disabled={state === 'busy'}
        onClick={() => apply()}
      >
        Use {plural(days, 'day')}
      </button>
      {state instanceof ApiError && <span className="muted"> {state.message}</span>}
    </>
  );
}

function TimeToAccept({ report }: { report: Report }) {
  const t = report.timeToAccept;
  const canWrite = useCanWrite();
  if (t.confidence.level === 'none' || t.curve.length === 0) {
    return <p className="empty">{t.confidence.messages[0] ?? 'Not enough acceptances yet to tell.'}</p>;
  }
  return (
    <>
      <TimeToAcceptChart data={t} />
      <ul className="advice">
        {t.median !== null && (
          <li>
            Half of the acceptances come{' '}
            {t.median === 0 ? 'the same day the invitation is sent' : `within ${plural(t.median, 'day')}`}.
          </li>
        )}
        {report.advice.slice(0, 3).map((a) => (
          <li key={a.code}>
            {withoutCommands(a.message)}
            {a.code === 'STALE_AFTER_DAYS' && t.recommendedStaleAfterDays !== null && canWrite && (
              <ApplyRecommended days={t.recommendedStaleAfterDays} />
            )}
          </li>
        ))}
        {t.confidence.level === 'low' && t.confidence.messages[0] && <li>{t.confidence.messages[0]}</li>}
      </ul>
    </>
  );
}

function HealthCards({
  status: s,
  plan,
  settings,
}: {
  status: Status;
  plan: Plan | null;
  settings: Settings | null;
}) {
  const warnAt = settings?.pendingWarnAt ?? 400;
  const pauseAt = settings?.pendingPauseAt ?? 500;
  const lowRate = settings?.lowAcceptanceRate ?? 0.3;
  // the plan's figure: the same one the Targets page and `plan` show
  const notesLeft = plan ? plan.details.sending.notesLeft : undefined;
  const rate = s.acceptance.maturedRate;
  // Invitations.csv without any connection known: accepted and pending cannot be told apart.
  const unknown = s.warnings.some((w) => w.code === 'ACCEPTED_UNKNOWN');
  return (
    <ul className="cards" aria-label="Health">
      <Card
        id="pending"
        title="Pending"
        value={formatCount(s.pending.count)}
        tone={s.pending.count >= pauseAt ? 'high' : s.pending.count >= warnAt ? 'watch' : 'ok'}
      >
        {s.pending.oldestAgeDays !== null
          ? `oldest ${plural(s.pending.oldestAgeDays, 'day')}`
          : 'none pending'}
        {s.pending.expiringWithin14Days > 0 && ` · ${s.pending.expiringWithin14Days} expire within 14 days`}
      </Card>
      <Card
        id="stale"
        title="Stale"
        value={formatCount(s.pending.stale)}
        tone={s.pending.stale > 0 ? 'watch' : 'ok'}
      >
        {s.pending.stale > 0 ? (
          <a
            href="/withdrawals"
            onClick={(e) => {
              e.preventDefault();
              navigate('/withdrawals');
            }}
          >
            {plan ? `withdraw ${plan.withdrawals.length} today` : 'see today’s withdrawals'}
          </a>
        ) : (
          'nothing to withdraw'
        )}
      </Card>
      <Card
        id="sent-week"
        title="Sent this week"
        value={`${formatCount(s.quota.sentLast7Days)} / ${formatCount(s.quota.weeklyLimit)}`}
        tone={s.quota.sentLast7Days >= s.quota.weeklyLimit * 0.9 ? 'high' : 'ok'}
        visual={
          <Gauge
            value={s.quota.sentLast7Days}
            max={s.quota.weeklyLimit}
            label={`${s.quota.sentLast7Days} of ${s.quota.weeklyLimit} sent in the last 7 days`}
          />
        }
      >
        {formatCount(s.quota.remaining)} left · today {s.quota.sentToday} / {s.quota.dailyLimit}
      </Card>
      <Card
        id="notes"
        title="Notes left"
        value={notesLeft === undefined ? '…' : notesLeft === null ? 'unlimited' : formatCount(notesLeft)}
        tone={notesLeft === 0 ? 'watch' : 'ok'}
      >
        {s.notes.monthlyLimit === null
          ? `up to ${s.notes.maxChars} characters each`
          : `${s.notes.usedLast30Days} of ${s.notes.monthlyLimit} used in the rolling 30 days · ${s.notes.maxChars} characters`}
      </Card>
      <Card
        id="acceptance"
        title="Acceptance"
        value={unknown ? 'unknown' : formatPercent(rate)}
        tone={unknown ? 'watch' : rate !== null && rate < lowRate ? 'watch' : 'ok'}
      >
        {unknown
          ? 'import Connections.csv (or the whole ZIP): it tells accepted from pending'
          : `of ${formatCount(s.acceptance.maturedSent)} matured · ${formatCount(s.acceptance.accepted)} of ${formatCount(s.acceptance.sent)} accepted in all`}
      </Card>
      <Card id="risk" title="Risk" value={s.risk.level} tone={s.risk.level}>
        {s.risk.reasons.length === 0 ? (
          'no warning signs'
        ) : (
          <ul className="reasons">
            {s.risk.reasons.map((r) => (
              <li key={r}>{withoutCommands(r)}</li>
            ))}
          </ul>
        )}
      </Card>
    </ul>
  );
}

function Card({
  id,
  title,
  value,
  tone,
  visual,
  children,
}: {
  id: string;
  title: string;
  value: string;
  tone: 'ok' | 'watch' | 'high';
  visual?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <li className={`card card--${tone}`} data-testid={`card-${id}`} aria-labelledby={`card-${id}-title`}>
      <h2 className="card__title" id={`card-${id}-title`}>
        {title}
      </h2>
      <div className="card__body">
        <p className="card__value" data-testid={`card-${id}-value`}>
          {value}
        </p>
        {visual}
      </div>
      <div className="card__detail">{children}</div>
    </li>
  );
}
