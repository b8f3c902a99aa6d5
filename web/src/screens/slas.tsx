// SLAs: the list, writing a new one, and the rules that decide which ticket gets which SLA.
import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { api, unwrap, unwrapWithEtag, type Answer } from '../api/client.ts';
import { canManage, useAuth } from '../auth.tsx';
import { EmptyState, ErrorAlert, PageHeader, useSubmit } from '../components/common.tsx';
import { FormModal } from '../components/form-modal.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useCatalog, type Catalog } from '../lib/catalog.ts';
import { useLoad } from '../lib/hooks.ts';
import { Link, navigate } from '../router.tsx';
import { emptyTerms, termsBody, TermsEditor, type TermsDraft } from './sla-terms.tsx';

type SlaList = Answer<'/api/v1/slas'>;

export default function Slas() {
  const { t } = useI18n();
  const { me } = useAuth();
  const manage = canManage(me);
  const catalog = useCatalog();
  const list = useLoad(() => unwrap(api.GET('/api/v1/slas', { params: { query: { limit: 500 } } })), []);
  const [creating, setCreating] = useState(false);
  const add = manage ? <Button onClick={() => setCreating(true)}>{t('slas.new')}</Button> : null;
  return (
    <>
      <PageHeader title={t('slas.title')}>{add}</PageHeader>
      <ErrorAlert error={list.error ?? catalog.error} onRetry={list.reload} />
      {list.data && list.data.items.length === 0 && <EmptyState action={add}>{t('slas.empty')}</EmptyState>}
      {list.data && list.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={500}>
          <Table striped highlightOnHover mb="lg">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('app.name_')}</Table.Th>
                <Table.Th>{t('slas.versions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((sla) => (
                <Table.Tr key={sla.id}>
                  <Table.Td>
                    <Anchor component={Link} href={`/slas/${sla.id}`}>
                      {sla.name}
                    </Anchor>
                    {sla.description && <Text size="xs">{sla.description}</Text>}
                  </Table.Td>
                  <Table.Td>
                    {sla.activeVersion !== null ? (
                      <Badge color="green" variant="light" tt="none">
                        {t('slas.activeVersion', { v: sla.activeVersion })}
                      </Badge>
                    ) : (
                      <Badge color="gray" variant="light" tt="none">
                        {t('slas.noActive')}
                      </Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {list.data && list.data.items.length > 0 && catalog.data && (
        <Rules slas={list.data} catalog={catalog.data} manage={manage} />
      )}
      {catalog.data && <NewSla opened={creating} onClose={() => setCreating(false)} catalog={catalog.data} />}
    </>
  );
}

function NewSla({
  opened,
  onClose,
  catalog,
}: {
  readonly opened: boolean;
  readonly onClose: () => void;
  readonly catalog: Catalog;
}) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [terms, setTerms] = useState<TermsDraft>(() => emptyTerms(catalog.calendars[0]?.id ?? null));
  const { busy, error, submit } = useSubmit(async () => {
    const created = await unwrap(
      api.POST('/api/v1/slas', {
        body: { name, ...(description ? { description } : {}), ...termsBody(terms) },
      }),
    );
    navigate(`/slas/${created.id}`);
  });
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={t('slas.new')}
      size={1100}
      busy={busy}
      error={error}
      onSubmit={submit}
    >
      <TextInput
        label={t('app.name_')}
        required
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
      />
      <Textarea
        label={t('app.description')}
        value={description}
        onChange={(e) => setDescription(e.currentTarget.value)}
      />
      <TermsEditor value={terms} onChange={setTerms} catalog={catalog} />
    </FormModal>
  );
}

interface RuleDraft {
  customerId: string | null;
  serviceId: string | null;
  priority: string | null;
  ticketType: 'incident' | 'service_request' | null;
  slaId: string | null;
}

function Rules({
  slas,
  catalog,
  manage,
}: {
  readonly slas: SlaList;
  readonly catalog: Catalog;
  readonly manage: boolean;
}) {
  const { t } = useI18n();
  const loaded = useLoad(() => unwrapWithEtag(api.GET('/api/v1/assignment-rules')), []);
  const [rules, setRules] = useState<RuleDraft[]>([]);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (loaded.data)
      setRules(
        loaded.data.data.rules.map((r) => ({
          customerId: r.customerId,
          serviceId: r.serviceId,
          priority: r.priority,
          ticketType: r.ticketType === 'incident' || r.ticketType === 'service_request' ? r.ticketType : null,
          slaId: r.slaId,
        })),
      );
  }, [loaded.data]);
  const { busy, error, submit } = useSubmit(async () => {
    setSaved(false);
    await unwrap(
      api.PUT('/api/v1/assignment-rules', {
        body: { rules: rules.filter((r) => r.slaId).map((r) => ({ ...r, slaId: r.slaId ?? '' })) },
        headers: { 'if-match': loaded.data?.etag ?? '*' },
      }),
    );
    loaded.reload();
    setSaved(true);
  });
  const update = (i: number, patch: Partial<RuleDraft>): void =>
    setRules((list) => list.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const move = (i: number, by: number): void =>
    setRules((list) => {
      const next = [...list];
      const [rule] = next.splice(i, 1);
      if (rule) next.splice(i + by, 0, rule);
      return next;
    });
  const any = t('app.any');
  return (
    <Card withBorder>
      <Title order={2} size="h4">
        {t('slas.rules')}
      </Title>
      <Text size="sm" mb="sm">
        {t('slas.rulesHint')}
      </Text>
      <ErrorAlert error={loaded.error} />
      {rules.length === 0 && <Text mb="sm">{t('slas.noRules')}</Text>}
      <Stack gap="xs">
        {rules.map((rule, i) => (
          <Group key={i} gap="xs" wrap="wrap" align="flex-end" data-rule={i}>
            <Text w={24} fw={600}>
              {i + 1}.
            </Text>
            <Select
              size="xs"
              label={t('filter.customer')}
              placeholder={any}
              clearable
              data={catalog.customers.map((c) => ({ value: c.id, label: c.name }))}
              value={rule.customerId}
              onChange={(v) => update(i, { customerId: v })}
              disabled={!manage}
            />
            <Select
              size="xs"
              label={t('tickets.service')}
              placeholder={any}
              clearable
              data={catalog.services.map((s) => ({ value: s.id, label: s.name }))}
              value={rule.serviceId}
              onChange={(v) => update(i, { serviceId: v })}
              disabled={!manage}
            />
            <Select
              size="xs"
              w={110}
              label={t('tickets.priority')}
              placeholder={any}
              clearable
              data={catalog.priorities.priorities.map((p) => p.id)}
              value={rule.priority}
              onChange={(v) => update(i, { priority: v })}
              disabled={!manage}
            />
            <Select
              size="xs"
              w={150}
              label={t('tickets.type')}
              placeholder={any}
              clearable
              data={[
                { value: 'incident', label: t('tickets.type.incident') },
                { value: 'service_request', label: t('tickets.type.service_request') },
              ]}
              value={rule.ticketType}
              onChange={(v) =>
                update(i, { ticketType: v === 'incident' || v === 'service_request' ? v : null })
              }
              disabled={!manage}
            />
            <Select
              size="xs"
              label={t('tickets.sla')}
              required
              data={slas.items.map((s) => ({ value: s.id, label: s.name }))}
              value={rule.slaId}
              onChange={(v) => update(i, { slaId: v })}
              disabled={!manage}
            />
            {manage && (
              <Group gap={2}>
                <ActionIcon
                  variant="subtle"
                  aria-label={`${t('slas.moveUp')} (${i + 1})`}
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                >
                  ↑
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  aria-label={`${t('slas.moveDown')} (${i + 1})`}
                  disabled={i === rules.length - 1}
                  onClick={() => move(i, 1)}
                >
                  ↓
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={`${t('app.delete')} (${i + 1})`}
                  onClick={() => setRules((list) => list.filter((_, j) => j !== i))}
                >
                  ×
                </ActionIcon>
              </Group>
            )}
          </Group>
        ))}
      </Stack>
      <ErrorAlert error={error} />
      {saved && !error && (
        <Text role="status" c="var(--mantine-color-green-light-color)" size="sm">
          {t('app.saved')}
        </Text>
      )}
      {manage && (
        <Group mt="sm">
          <Button
            variant="light"
            onClick={() =>
              setRules((list) => [
                ...list,
                {
                  customerId: null,
                  serviceId: null,
                  priority: null,
                  ticketType: null,
                  slaId: slas.items[0]?.id ?? null,
                },
              ])
            }
          >
            {t('slas.addRule')}
          </Button>
          <Button onClick={() => void submit()} loading={busy}>
            {t('slas.saveRules')}
          </Button>
        </Group>
      )}
    </Card>
  );
}
