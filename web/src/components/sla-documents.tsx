// On an SLA's page: the printable agreement and the staff quick reference of the version in force (PDF, de/en),
// and for managers who has acknowledged that version and who has not yet.
import { Anchor, Card, Group, Text, Title } from '@mantine/core';
import { api, unwrap, type Schemas } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useLoad } from '../lib/hooks.ts';
import { ErrorAlert } from './common.tsx';

/** The documents the API serves; a path missing from the generated client fails to type-check here. */
type DocPath = Extract<
  keyof Schemas,
  '/api/v1/slas/{id}/versions/{v}/document' | '/api/v1/slas/{id}/versions/{v}/quick-reference'
>;

function docUrl(path: DocPath, slaId: string, version: number, lang: 'de' | 'en'): string {
  const base = `${path.replace('{id}', encodeURIComponent(slaId)).replace('{v}', String(version))}?lang=${lang}`;
  // The quick reference is a page by default; here it is the one-page PDF to print, like the agreement.
  return path.endsWith('quick-reference') ? `${base}&format=pdf` : base;
}

export function SlaDocuments({
  slaId,
  version,
  manage,
}: {
  readonly slaId: string;
  readonly version: number;
  readonly manage: boolean;
}) {
  const { t } = useI18n();
  const acks = useLoad(
    async () =>
      manage
        ? unwrap(api.GET('/api/v1/acknowledgements', { params: { query: { sla: slaId, version } } }))
        : null,
    [slaId, version, manage],
  );
  const v = acks.data?.version;
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        {t('slas.documents', { v: version })}
      </Title>
      <Group gap="md">
        <Anchor
          href={docUrl('/api/v1/slas/{id}/versions/{v}/document', slaId, version, 'en')}
          target="_blank"
          rel="noopener"
        >
          {t('slas.documentEn')}
        </Anchor>
        <Anchor
          href={docUrl('/api/v1/slas/{id}/versions/{v}/document', slaId, version, 'de')}
          target="_blank"
          rel="noopener"
        >
          {t('slas.documentDe')}
        </Anchor>
        <Anchor
          href={docUrl('/api/v1/slas/{id}/versions/{v}/quick-reference', slaId, version, 'en')}
          target="_blank"
          rel="noopener"
        >
          {t('slas.quickRefEn')}
        </Anchor>
        <Anchor
          href={docUrl('/api/v1/slas/{id}/versions/{v}/quick-reference', slaId, version, 'de')}
          target="_blank"
          rel="noopener"
        >
          {t('slas.quickRefDe')}
        </Anchor>
      </Group>
      <ErrorAlert error={acks.error} />
      {v && (
        <div data-testid="sla-acks">
          <Text size="sm" mt="sm">
            {t('slas.ackStatus', {
              n: v.acknowledged.length,
              total: v.acknowledged.length + v.pending.length,
            })}
          </Text>
          <Text size="sm">
            {v.pending.length === 0
              ? t('slas.ackAll')
              : t('slas.ackPending', { names: v.pending.map((p) => p.name || p.email).join(', ') })}
          </Text>
        </div>
      )}
    </Card>
  );
}
