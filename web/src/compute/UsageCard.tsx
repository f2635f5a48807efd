import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { Overview } from '../shared/api-types';
import { Amount, Card, ErrorBox, Spinner } from '../shared/ui';
import { useOverview } from './queries';
import { dailyUsage, usageShare } from './usage-figures';

export function UsageCard() {
  const overview = useOverview();
  if (overview.isPending)
    return (
      <Card title="Credits usage">
        <Spinner />
      </Card>
    );
  if (overview.isError)
    return (
      <Card title="Credits usage">
        <ErrorBox error={overview.error} onRetry={() => void overview.refetch()} />
      </Card>
    );
  const o = overview.data;
  return (
    <Card title="Credits usage">
      <div className="usage">
        <UsageDonut overview={o} />
        <UsageStats overview={o} />
      </div>
      <h3 className="chart-title" id="daily-title">
        Credits used per day, last 30 days (UTC)
      </h3>
      <DailyUsageChart overview={o} />
    </Card>
  );
}

/** The share used, drawn (hidden from screen readers: UsageStats says the same in words). */
function UsageDonut({ overview: o }: { overview: Overview }) {
  return (
    <div className="usage-chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height={160}>
        <PieChart accessibilityLayer={false}>
          <Pie
            data={usageShare(o)}
            dataKey="value"
            innerRadius={50}
            outerRadius={72}
            startAngle={90}
            endAngle={-270}
            rootTabIndex={-1}
            isAnimationActive={false}
          >
            <Cell fill="var(--accent)" />
            <Cell fill="var(--track)" />
          </Pie>
        </PieChart>
      </ResponsiveContainer>
      <div className="usage-center num">{o.usagePercent === null ? '—' : `${o.usagePercent}%`}</div>
    </div>
  );
}

function UsageStats({ overview: o }: { overview: Overview }) {
  return (
    <dl className="stats">
      <div>
        <dt>Share used</dt>
        <dd className="num" data-testid="usage-percent">
          {o.usagePercent === null ? 'No top-up yet' : `${o.usagePercent}% of total top-up`}
        </dd>
      </div>
      <div>
        <dt>Credits used</dt>
        <dd>
          <span data-testid="credits-used">
            <Amount money={{ amount: o.used, unit: 'CREDIT' }} />
          </span>
          <small className="muted" data-testid="credits-used-rule">
            {' '}
            charges minus refunds of charges
          </small>
        </dd>
      </div>
      <div>
        <dt>Total top-up</dt>
        <dd>
          <Amount money={{ amount: o.toppedUp, unit: 'CREDIT' }} />
        </dd>
      </div>
      <div>
        <dt>Credits balance</dt>
        <dd data-testid="overview-balance">
          <Amount money={{ amount: o.balance, unit: 'CREDIT' }} />
        </dd>
      </div>
    </dl>
  );
}

function DailyUsageChart({ overview }: { overview: Overview }) {
  return (
    <div className="daily" role="img" aria-labelledby="daily-title">
      <ResponsiveContainer width="100%" height={180}>
        <BarChart
          accessibilityLayer={false}
          data={dailyUsage(overview)}
          margin={{ top: 8, right: 8, bottom: 6, left: 0 }}
        >
          <CartesianGrid vertical={false} stroke="var(--line)" />
          <XAxis
            dataKey="day"
            tick={{ fontSize: 11 }}
            interval={6}
            // The title sits inside the axis' own height, below the ticks, so nothing clips it.
            label={{ value: 'Day (UTC)', position: 'insideBottom', offset: 0, fontSize: 11 }}
            height={40}
          />
          <YAxis
            tick={{ fontSize: 11 }}
            width={56}
            label={{ value: 'Credits', angle: -90, position: 'insideLeft', fontSize: 11 }}
          />
          <Tooltip separator=": " formatter={(v) => [`${String(v)} credits`, 'Credits used']} />
          <Bar dataKey="used" fill="var(--accent)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
