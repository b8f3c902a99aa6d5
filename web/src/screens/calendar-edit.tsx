// A calendar: opening hours per weekday, a holiday region with a preview of the year's holidays, own holidays and closures.
import {
  ActionIcon,
  Anchor,
  Button,
  Card,
  Checkbox,
  Group,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState, type FormEvent } from 'react';
import { api, unwrap, unwrapWithEtag } from '../api/client.ts';
import { canManage, useAuth } from '../auth.tsx';
import { ConfirmButton, ErrorAlert, useSubmit } from '../components/common.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { browserTimeZone, formatDate, TIME_ZONES } from '../lib/format.ts';
import { useLoad } from '../lib/hooks.ts';
import { Link, navigate } from '../router.tsx';
import { HOLIDAY_REGIONS } from './regions.ts';

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Day = (typeof DAYS)[number];

export interface CalendarDefinition {
  name?: string;
  timeZone: string;
  hours?: Partial<Record<Day, string[]>>;
  holidays?: (string | { date: string; name?: string })[];
  holidayRegions?: string[];
  closures?: { from: string; to: string; reason?: string }[];
}

interface Interval {
  from: string;
  to: string;
}

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Open time per week, for the list. */
export function weeklyMs(def: CalendarDefinition): number {
  let total = 0;
  for (const day of DAYS)
    for (const range of def.hours?.[day] ?? []) {
      const [from = '00:00', to = '00:00'] = range.split('-');
      total += (minutes(to === '24:00' ? '24:00' : to) - minutes(from)) * 60_000;
    }
  return total;
}

const OFFICE: Record<Day, Interval[]> = {
  mon: [{ from: '08:00', to: '17:00' }],
  tue: [{ from: '08:00', to: '17:00' }],
  wed: [{ from: '08:00', to: '17:00' }],
  thu: [{ from: '08:00', to: '17:00' }],
  fri: [{ from: '08:00', to: '17:00' }],
  sat: [],
  sun: [],
};

function toWeek(def: CalendarDefinition): Record<Day, Interval[]> {
  const week = { ...OFFICE };
  for (const day of DAYS)
    week[day] = (def.hours?.[day] ?? []).map((range) => {
      const [from = '08:00', to = '17:00'] = range.split('-');
      return { from, to };
    });
  return week;
}

/** ISO instant → the value of a datetime-local input (UTC shown as local wall time of the browser). */
function toLocalInput(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export default function CalendarEdit({ params }: { readonly params: Record<string, string> }) {
  const id = params['id'];
  const { t, locale } = useI18n();
  const { me } = useAuth();
  const manage = canManage(me);
  const existing = useLoad(
    async () => (id ? unwrapWithEtag(api.GET('/api/v1/calendars/{id}', { params: { path: { id } } })) : null),
    [id],
  );
  const [name, setName] = useState('');
  const [timeZone, setTimeZone] = useState(browserTimeZone());
  const [week, setWeek] = useState<Record<Day, Interval[]>>(OFFICE);
  const [regions, setRegions] = useState<string[]>([]);
  const [holidays, setHolidays] = useState<{ date: string; name: string }[]>([]);
  const [closures, setClosures] = useState<{ from: string; to: string; reason: string }[]>([]);
  const [year, setYear] = useState(() => new Date().getFullYear());
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    const loaded = existing.data;
    if (!loaded) return;
    const def = loaded.data.definition as unknown as CalendarDefinition;
    setName(loaded.data.name);
    setTimeZone(def.timeZone);
    setWeek(toWeek(def));
    setRegions(def.holidayRegions ?? []);
    setHolidays(
      (def.holidays ?? []).map((h) =>
        typeof h === 'string' ? { date: h, name: '' } : { date: h.date, name: h.name ?? '' },
      ),
    );
    setClosures(
      (def.closures ?? []).map((c) => ({
        from: toLocalInput(c.from),
        to: toLocalInput(c.to),
        reason: c.reason ?? '',
      })),
    );
  }, [existing.data]);

  const definition: CalendarDefinition = {
    timeZone,
    hours: Object.fromEntries(
      DAYS.filter((d) => week[d].length > 0).map((d) => [d, week[d].map((i) => `${i.from}-${i.to}`)]),
    ),
    holidays: holidays
      .filter((h) => h.date)
      .map((h) => (h.name ? { date: h.date, name: h.name } : { date: h.date })),
    holidayRegions: regions,
    closures: closures
      .filter((c) => c.from && c.to)
      .map((c) => ({
        from: new Date(c.from).toISOString(),
        to: new Date(c.to).toISOString(),
        ...(c.reason ? { reason: c.reason } : {}),
      })),
  };
  const [debounced] = useDebouncedValue(JSON.stringify(definition), 400);
  const preview = useLoad(
    () =>
      unwrap(
        api.POST('/api/v1/calendars/preview', {
          body: { definition: JSON.parse(debounced) as Record<string, unknown>, year },
        }),
      ),
    [debounced, year],
  );

  const { busy, error, submit } = useSubmit(async () => {
    setSaved(false);
    const body = { name, definition: definition as unknown as Record<string, unknown> };
    if (id && existing.data) {
      const next = await unwrapWithEtag(
        api.PUT('/api/v1/calendars/{id}', {
          params: { path: { id } },
          body,
          headers: { 'if-match': existing.data.etag },
        }),
      );
      existing.reload();
      setSaved(Boolean(next));
    } else {
      const created = await unwrap(api.POST('/api/v1/calendars', { body }));
      navigate(`/calendars/${created.id}`, { replace: true });
    }
  });
  const onSubmit = (e: FormEvent): void => {
    e.preventDefault();
    void submit();
  };
  const setDay = (day: Day, intervals: Interval[]): void => setWeek((w) => ({ ...w, [day]: intervals }));

  return (
    <Stack>
      <Anchor component={Link} href="/calendars" size="sm">
        ← {t('calendars.back')}
      </Anchor>
      <Title order={1} size="h2">
        {id ? name || t('calendars.title') : t('calendars.new')}
      </Title>
      <ErrorAlert error={existing.error} onRetry={existing.reload} />
      <form onSubmit={onSubmit}>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('app.name_')}
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              disabled={!manage}
            />
            <Select
              label={t('calendars.timeZone')}
              data={[...TIME_ZONES]}
              searchable
              value={timeZone}
              onChange={(v) => v && setTimeZone(v)}
              allowDeselect={false}
              disabled={!manage}
            />
          </SimpleGrid>
          <Card withBorder>
            <Title order={2} size="h4" mb="sm">
              {t('calendars.hours')}
            </Title>
            <Stack gap="xs">
              {DAYS.map((day) => (
                <DayRow
                  key={day}
                  day={day}
                  intervals={week[day]}
                  onChange={(v) => setDay(day, v)}
                  disabled={!manage}
                />
              ))}
            </Stack>
          </Card>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Card withBorder>
              <Title order={2} size="h4" mb="sm">
                {t('calendars.region')}
              </Title>
              <MultiSelect
                label={t('calendars.region')}
                placeholder={regions.length ? undefined : t('calendars.regionNone')}
                data={HOLIDAY_REGIONS.map((r) => ({
                  value: r.code,
                  label: `${r.code} – ${r.label[locale]}`,
                }))}
                searchable
                value={regions}
                onChange={setRegions}
                disabled={!manage}
              />
              <Title order={3} size="h5" mt="md">
                {t('calendars.ownHolidays')}
              </Title>
              <Stack gap="xs" mt="xs">
                {holidays.map((h, i) => (
                  <Group key={i} gap="xs" wrap="nowrap" align="flex-end">
                    <TextInput
                      type="date"
                      label={t('calendars.holidayDate')}
                      value={h.date}
                      onChange={(e) => {
                        const date = e.currentTarget.value;
                        setHolidays((list) => list.map((x, j) => (j === i ? { ...x, date } : x)));
                      }}
                    />
                    <TextInput
                      label={t('app.name_')}
                      value={h.name}
                      onChange={(e) => {
                        const value = e.currentTarget.value;
                        setHolidays((list) => list.map((x, j) => (j === i ? { ...x, name: value } : x)));
                      }}
                    />
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      size="lg"
                      aria-label={`${t('app.delete')} ${h.date}`}
                      onClick={() => setHolidays((list) => list.filter((_, j) => j !== i))}
                    >
                      ×
                    </ActionIcon>
                  </Group>
                ))}
                {manage && (
                  <Button
                    variant="light"
                    size="xs"
                    w="fit-content"
                    onClick={() => setHolidays((list) => [...list, { date: '', name: '' }])}
                  >
                    {t('calendars.addHoliday')}
                  </Button>
                )}
              </Stack>
            </Card>
            <Card withBorder aria-live="polite">
              <Group justify="space-between" mb="sm">
                <Title order={2} size="h4">
                  {t('calendars.holidays', { year })}
                </Title>
                <Group gap={4}>
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => setYear((y) => y - 1)}
                    aria-label={String(year - 1)}
                  >
                    ‹
                  </Button>
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => setYear((y) => y + 1)}
                    aria-label={String(year + 1)}
                  >
                    ›
                  </Button>
                </Group>
              </Group>
              <ErrorAlert error={preview.error} />
              {preview.data && preview.data.holidays.length === 0 && (
                <Text size="sm">{t('calendars.noHolidays', { year })}</Text>
              )}
              {preview.data && preview.data.holidays.length > 0 && (
                <Table fz="sm" verticalSpacing={2} data-testid="holiday-preview">
                  <Table.Tbody>
                    {preview.data.holidays.map((h) => (
                      <Table.Tr key={`${h.date}-${h.name}`}>
                        <Table.Td>{formatDate(h.date, locale)}</Table.Td>
                        <Table.Td>{h.name}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Card>
          </SimpleGrid>
          <Card withBorder>
            <Title order={2} size="h4" mb="sm">
              {t('calendars.closures')}
            </Title>
            {closures.length === 0 && <Text size="sm">{t('calendars.noClosures')}</Text>}
            <Stack gap="xs">
              {closures.map((c, i) => (
                <Group key={i} gap="xs" align="flex-end" wrap="wrap">
                  <TextInput
                    type="datetime-local"
                    label={t('calendars.closureFrom')}
                    value={c.from}
                    onChange={(e) => {
                      const from = e.currentTarget.value;
                      setClosures((list) => list.map((x, j) => (j === i ? { ...x, from } : x)));
                    }}
                  />
                  <TextInput
                    type="datetime-local"
                    label={t('calendars.closureTo')}
                    value={c.to}
                    onChange={(e) => {
                      const to = e.currentTarget.value;
                      setClosures((list) => list.map((x, j) => (j === i ? { ...x, to } : x)));
                    }}
                  />
                  <TextInput
                    label={t('calendars.closureReason')}
                    value={c.reason}
                    onChange={(e) => {
                      const reason = e.currentTarget.value;
                      setClosures((list) => list.map((x, j) => (j === i ? { ...x, reason } : x)));
                    }}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="lg"
                    aria-label={`${t('app.delete')} ${c.reason || c.from}`}
                    onClick={() => setClosures((list) => list.filter((_, j) => j !== i))}
                  >
                    ×
                  </ActionIcon>
                </Group>
              ))}
              {manage && (
                <Button
                  variant="light"
                  size="xs"
                  w="fit-content"
                  onClick={() => setClosures((list) => [...list, { from: '', to: '', reason: '' }])}
                >
                  {t('calendars.addClosure')}
                </Button>
              )}
            </Stack>
          </Card>
          <ErrorAlert error={error} />
          {saved && !error && (
            <Text role="status" c="var(--mantine-color-green-light-color)">
              {t('app.saved')}
            </Text>
          )}
          {manage && (
            <Group>
              <Button type="submit" loading={busy}>
                {id ? t('app.save') : t('app.create')}
              </Button>
              {id && (
                <ConfirmButton
                  color="red"
                  variant="light"
                  question={t('app.confirmDelete', { name })}
                  onConfirm={async () => {
                    await unwrap(api.DELETE('/api/v1/calendars/{id}', { params: { path: { id } } }));
                    navigate('/calendars');
                  }}
                >
                  {t('app.delete')}
                </ConfirmButton>
              )}
            </Group>
          )}
        </Stack>
      </form>
    </Stack>
  );
}

function DayRow({
  day,
  intervals,
  onChange,
  disabled,
}: {
  readonly day: Day;
  readonly intervals: Interval[];
  readonly onChange: (v: Interval[]) => void;
  readonly disabled: boolean;
}) {
  const { t } = useI18n();
  const dayName = t(`calendars.day.${day}`);
  const open = intervals.length > 0;
  return (
    <Group gap="sm" align="center" wrap="wrap" data-day={day}>
      <Checkbox
        w={130}
        label={dayName}
        checked={open}
        disabled={disabled}
        aria-label={`${dayName}: ${t('calendars.open')}`}
        onChange={(e) => onChange(e.currentTarget.checked ? [{ from: '08:00', to: '17:00' }] : [])}
      />
      {!open && (
        <Text size="sm" c="gray.7">
          {t('calendars.closed')}
        </Text>
      )}
      {intervals.map((interval, i) => (
        <Group key={i} gap={4} wrap="nowrap">
          <TextInput
            type="time"
            size="xs"
            aria-label={`${dayName} ${t('calendars.from')}`}
            value={interval.from}
            disabled={disabled}
            onChange={(e) => {
              const from = e.currentTarget.value;
              onChange(intervals.map((x, j) => (j === i ? { ...x, from } : x)));
            }}
          />
          <Text size="sm">–</Text>
          <TextInput
            type="time"
            size="xs"
            aria-label={`${dayName} ${t('calendars.to')}`}
            value={interval.to}
            disabled={disabled}
            onChange={(e) => {
              const to = e.currentTarget.value;
              onChange(intervals.map((x, j) => (j === i ? { ...x, to } : x)));
            }}
          />
          {!disabled && (
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={`${t('calendars.removeInterval')} (${dayName})`}
              onClick={() => onChange(intervals.filter((_, j) => j !== i))}
            >
              ×
            </ActionIcon>
          )}
        </Group>
      ))}
      {open && !disabled && (
        <Button
          size="compact-xs"
          variant="subtle"
          aria-label={`${t('calendars.addInterval')} (${dayName})`}
          onClick={() => onChange([...intervals, { from: '13:00', to: '17:00' }])}
        >
          +
        </Button>
      )}
    </Group>
  );
}
