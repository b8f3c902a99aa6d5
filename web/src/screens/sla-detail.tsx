// One SLA: its versions (draft → active → retired), editing the draft, activating it, and what changed.
import { Anchor, Badge, Button, Card, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { api, unwrap, unwrapWithEtag } from '../api/client.ts';
import { canManage, useAuth } from '../auth.tsx';
import { ConfirmButton, ErrorAlert, useSubmit } from '../components/common.tsx';
import { SlaDocuments } from '../components/sla-documents.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useCatalog } from '../lib/catalog.ts';
import { formatInstant } from '../lib/format.ts';
import { useLoad } from '../lib/hooks.ts';
import { Link } from '../router.tsx';
import { changeLabel, changeValue } from '../lib/sla-diff.ts';
import { termsBody, termsFromVersion, TermsEditor, TermsView, type TermsDraft } from './sla-terms.tsx';

const STATUS_COLOR = { draft: 'yellow', active: 'green', retired: 'gray' } as const;

export default function SlaDetail({ params }: { readonly params: Record<string, string> }) {
  const id = params['id'] ?? '';
  const { t, locale } = useI18n();
  const { me } = useAuth();
  const manage = canManage(me);
  const catalog = useCatalog();
  const sla = useLoad(() => unwrap(api.GET('/api/v1/slas/{id}', { params: { path: { id } } })), [id]);
  const versions = sla.data?.versions ?? [];
  const draft = versions.find((v) => v.status === 'draft');
  const draftVersion = useLoad(
    async () =>
      draft
        ? unwrapWithEtag(
            api.GET('/api/v1/slas/{id}/versions/{v}', { params: { path: { id, v: draft.version } } }),
          )
        : null,
    [id, draft?.version, draft?.revision],
  );
  const activeNumber = sla.data?.activeVersion ?? null;
  const activeVersion = useLoad(
    async () =>
      activeNumber !== null
        ? unwrap(api.GET('/api/v1/slas/{id}/versions/{v}', { params: { path: { id, v: activeNumber } } }))
        : null,
    [id, activeNumber],
  );
  const [terms, setTerms] = useState<TermsDraft | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    setTerms(draftVersion.data ? termsFromVersion(draftVersion.data.data) : null);
  }, [draftVersion.data]);

  const latest = versions.length ? Math.max(...versions.map((v) => v.version)) : 0;
  const [diffPair, setDiffPair] = useState<string | null>(null);
  const pair = diffPair ?? (latest > 1 ? `${latest - 1}:${latest}` : null);
  const diff = useLoad(async () => {
    if (!pair) return null;
    const [a = '1', b = '1'] = pair.split(':');
    return unwrap(
      api.GET('/api/v1/slas/{id}/versions/{a}/diff/{b}', {
        params: { path: { id, a: Number(a), b: Number(b) } },
      }),
    );
  }, [id, pair, draft?.revision]);

  const reload = (): void => {
    sla.reload();
    draftVersion.reload();
    activeVersion.reload();
  };
  const save = useSubmit(async () => {
    if (!draft || !terms || !draftVersion.data) return;
    setSaved(false);
    await unwrap(
      api.PUT('/api/v1/slas/{id}/versions/{v}', {
        params: { path: { id, v: draft.version } },
        body: termsBody(terms),
        headers: { 'if-match': draftVersion.data.etag },
      }),
    );
    setSaved(true);
    reload();
  });
  const newVersion = useSubmit(async () => {
    await unwrap(api.POST('/api/v1/slas/{id}/versions', { params: { path: { id } }, body: {} }));
    reload();
  });
  const transition = async (v: number, action: 'activate' | 'retire'): Promise<void> => {
    const current = await unwrapWithEtag(
      api.GET('/api/v1/slas/{id}/versions/{v}', { params: { path: { id, v } } }),
    );
    const options = { params: { path: { id, v } }, headers: { 'if-match': current.etag } };
    if (action === 'activate')
      await unwrap(api.POST('/api/v1/slas/{id}/versions/{v}/activate', { ...options, body: {} }));
    else await unwrap(api.POST('/api/v1/slas/{id}/versions/{v}/retire', options));
    reload();
  };

  return (
    <Stack>
      <Anchor component={Link} href="/slas" size="sm">
        ← {t('slas.back')}
      </Anchor>
      <ErrorAlert error={sla.error} onRetry={sla.reload} />
      {sla.data && (
        <>
          <Group justify="space-between">
            <Title order={1} size="h2">
              {sla.data.name}
            </Title>
            {sla.data.activeVersion !== null ? (
              <Badge color="green" size="lg" tt="none" variant="light">
                {t('slas.activeVersion', { v: sla.data.activeVersion })}
              </Badge>
            ) : (
              <Badge color="gray" size="lg" tt="none" variant="light">
                {t('slas.noActive')}
              </Badge>
            )}
          </Group>
          {sla.data.description && <Text>{sla.data.description}</Text>}
          <Card withBorder>
            <Group justify="space-between" mb="sm">
              <Title order={2} size="h4">
                {t('slas.versions')}
              </Title>
              {manage && !draft && (
                <Button
                  size="xs"
                  variant="light"
                  loading={newVersion.busy}
                  onClick={() => void newVersion.submit()}
                >
                  {t('slas.newVersion')}
                </Button>
              )}
            </Group>
            <ErrorAlert error={newVersion.error} />
            <Table.ScrollContainer minWidth={500}>
              <Table>
                <Table.Tbody>
                  {[...versions].reverse().map((v) => (
                    <Table.Tr key={v.version} data-version={v.version}>
                      <Table.Td>{t('slas.version', { v: v.version })}</Table.Td>
                      <Table.Td>
                        <Badge color={STATUS_COLOR[v.status]} variant="light" tt="none">
                          {t(`slas.status.${v.status}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{v.activatedAt ? formatInstant(v.activatedAt, locale) : ''}</Table.Td>
                      <Table.Td>
                        {manage && v.status !== 'retired' && (
                          <Group gap="xs" justify="flex-end">
                            {v.status === 'draft' && (
                              <ConfirmButton
                                size="xs"
                                question={t('slas.confirmActivate', { v: v.version })}
                                onConfirm={() => transition(v.version, 'activate')}
                              >
                                {t('slas.activate')}
                              </ConfirmButton>
                            )}
                            <ConfirmButton
                              size="xs"
                              variant="light"
                              color="red"
                              question={t('slas.confirmRetire', { v: v.version })}
                              onConfirm={() => transition(v.version, 'retire')}
                            >
                              {t('slas.retire')}
                            </ConfirmButton>
                          </Group>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Card>
          {activeNumber !== null && <SlaDocuments slaId={id} version={activeNumber} manage={manage} />}
          {activeVersion.data && catalog.data && (
            <Card withBorder>
              <Title order={2} size="h4" mb="sm">
                {t('slas.activeTerms', { v: activeVersion.data.version })}
              </Title>
              <TermsView version={activeVersion.data} catalog={catalog.data} />
            </Card>
          )}
          {draft && terms && catalog.data && (
            <Card withBorder>
              <Title order={2} size="h4" mb="sm">
                {t('slas.editDraft')} – {t('slas.version', { v: draft.version })}
              </Title>
              <TermsEditor value={terms} onChange={setTerms} catalog={catalog.data} />
              <ErrorAlert error={save.error} />
              {saved && !save.error && (
                <Text role="status" c="var(--mantine-color-green-light-color)" size="sm">
                  {t('app.saved')}
                </Text>
              )}
              {manage && (
                <Button mt="sm" loading={save.busy} onClick={() => void save.submit()}>
                  {t('app.save')}
                </Button>
              )}
            </Card>
          )}
          {latest > 1 && (
            <Card withBorder>
              <Group justify="space-between" mb="sm">
                <Title order={2} size="h4">
                  {pair ? t('slas.diff', { a: pair.split(':')[0] ?? '', b: pair.split(':')[1] ?? '' }) : ''}
                </Title>
                <Select
                  size="xs"
                  aria-label={t('slas.versions')}
                  data={versions
                    .filter((v) => v.version > 1)
                    .map((v) => ({
                      value: `${v.version - 1}:${v.version}`,
                      label: `${v.version - 1} → ${v.version}`,
                    }))}
                  value={pair}
                  onChange={setDiffPair}
                  allowDeselect={false}
                />
              </Group>
              <ErrorAlert error={diff.error} />
              {diff.data && diff.data.changes.length === 0 && <Text>{t('slas.noDiff')}</Text>}
              {diff.data && diff.data.changes.length > 0 && (
                <Table.ScrollContainer minWidth={480}>
                  <Table data-testid="sla-diff" withTableBorder fz="sm">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('slas.changed')}</Table.Th>
                        <Table.Th>{t('slas.before')}</Table.Th>
                        <Table.Th>{t('slas.after')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {diff.data.changes.map((c) => (
                        <Table.Tr key={c.field}>
                          <Table.Td>
                            {changeLabel(c.field, c.label, t, (s) => catalog.data?.serviceName(s) ?? s)}
                          </Table.Td>
                          <Table.Td>{changeValue(c.before, locale, t)}</Table.Td>
                          <Table.Td>{changeValue(c.after, locale, t)}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
            </Card>
          )}
        </>
      )}
    </Stack>
  );
}
