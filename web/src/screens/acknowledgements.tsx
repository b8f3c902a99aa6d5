// Staff awareness: the SLA versions in force I still have to read and acknowledge, those I have, and (for
// managers) who in the team has not acknowledged each version yet.
import { Anchor, Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { api, unwrap } from '../api/client.ts';
import { canManage, useAuth } from '../auth.tsx';
import { ErrorAlert, PageHeader, useSubmit } from '../components/common.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { formatInstant } from '../lib/format.ts';
import { useLoad } from '../lib/hooks.ts';
import { Link } from '../router.tsx';

export default function Acknowledgements() {
  const { t, locale } = useI18n();
  const { me } = useAuth();
  const manage = canManage(me);
  const mine = useLoad(() => unwrap(api.GET('/api/v1/acknowledgements')), []);
  const team = useLoad(
    async () => (manage ? unwrap(api.GET('/api/v1/acknowledgements/pending')) : null),
    [manage],
  );
  const ack = useSubmit(async (slaId: string, version: number) => {
    await unwrap(api.POST('/api/v1/acknowledgements', { body: { slaId, version } }));
    mine.reload();
    team.reload();
  });
  const m = mine.data;
  return (
    <Stack>
      <PageHeader title={t('acks.title')} />
      <ErrorAlert error={mine.error ?? team.error ?? ack.error} onRetry={mine.reload} />
      {m && (
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">
            {t('acks.mine')}
          </Title>
          {m.pending.length === 0 && (
            <Text size="sm">{m.required ? t('acks.noneMine') : t('acks.notRequired')}</Text>
          )}
          <Stack gap="xs" data-testid="acks-pending">
            {m.pending.map((v) => (
              <Group key={`${v.slaId}:${v.version}`} justify="space-between" wrap="wrap">
                <Text>
                  <Anchor component={Link} href={`/slas/${v.slaId}`}>
                    {t('acks.version', { sla: v.slaName, v: v.version })}
                  </Anchor>{' '}
                  ·{' '}
                  <Anchor href={`${v.quickReference}?lang=${locale}`} target="_blank" rel="noopener">
                    {t('acks.quickReference')}
                  </Anchor>
                </Text>
                <Button
                  size="xs"
                  loading={ack.busy}
                  aria-label={t('acks.readAria', { sla: v.slaName, v: v.version })}
                  onClick={() => void ack.submit(v.slaId, v.version)}
                >
                  {t('acks.read')}
                </Button>
              </Group>
            ))}
          </Stack>
          {m.acknowledged.length > 0 && (
            <Stack gap={4} mt="md" data-testid="acks-done">
              {m.acknowledged.map((v) => (
                <Group key={`${v.slaId}:${v.version}`} gap="xs">
                  <Badge color="green" variant="light" tt="none">
                    {t('acks.done')}
                  </Badge>
                  <Text size="sm">
                    {t('acks.version', { sla: v.slaName, v: v.version })},{' '}
                    {t('acks.acknowledgedAt', { at: formatInstant(v.acknowledgedAt, locale) })}
                  </Text>
                </Group>
              ))}
            </Stack>
          )}
        </Card>
      )}
      {manage && team.data && (
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">
            {t('acks.team')}
          </Title>
          {team.data.items.length === 0 ? (
            <Text size="sm">{t('acks.noneTeam')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={520}>
              <Table fz="sm" striped data-testid="acks-team">
                <Table.Tbody>
                  {team.data.items.map((item) => (
                    <Table.Tr key={`${item.version.slaId}:${item.version.version}`}>
                      <Table.Td>
                        <Anchor component={Link} href={`/slas/${item.version.slaId}`} size="sm">
                          {t('acks.version', { sla: item.version.slaName, v: item.version.version })}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{t('acks.count', { n: item.acknowledged, total: item.staff })}</Table.Td>
                      <Table.Td>
                        {item.pending.length === 0
                          ? t('slas.ackAll')
                          : t('slas.ackPending', {
                              names: item.pending.map((p) => p.name || p.email).join(', '),
                            })}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Card>
      )}
    </Stack>
  );
}
