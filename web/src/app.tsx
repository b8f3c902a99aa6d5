// The app's frame: first-run setup, sign-in, then the navigation and the screen of the current path.
import {
  Anchor,
  AppShell,
  Burger,
  Center,
  Group,
  Loader,
  NavLink,
  Stack,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { lazy, Suspense, useEffect, useRef, type ComponentType, type LazyExoticComponent } from 'react';
import { api } from './api/client.ts';
import { canManage, useAuth } from './auth.tsx';
import { LanguageSwitch } from './components/language-switch.tsx';
import { useI18n } from './i18n/i18n.tsx';
import type { MessageKey } from './i18n/en.ts';
import { useLiveStatus, useLoad } from './lib/hooks.ts';
import { Link, match, navigate, useLocation } from './router.tsx';
import { Login } from './screens/login.tsx';
import { Setup } from './screens/setup.tsx';

type Screen = LazyExoticComponent<ComponentType<{ readonly params: Record<string, string> }>>;

const Dashboard = lazy(() => import('./screens/dashboard.tsx'));
const Tickets = lazy(() => import('./screens/tickets.tsx'));
const TicketDetail = lazy(() => import('./screens/ticket-detail.tsx'));
const Customers = lazy(() => import('./screens/customers.tsx'));
const CustomerDetail = lazy(() => import('./screens/customer-detail.tsx'));
const Services = lazy(() => import('./screens/services.tsx'));
const Calendars = lazy(() => import('./screens/calendars.tsx'));
const CalendarEdit = lazy(() => import('./screens/calendar-edit.tsx'));
const Slas = lazy(() => import('./screens/slas.tsx'));
const SlaDetail = lazy(() => import('./screens/sla-detail.tsx'));
const Users = lazy(() => import('./screens/users.tsx'));
const Tokens = lazy(() => import('./screens/tokens.tsx'));
const Monitors = lazy(() => import('./screens/monitors.tsx'));
const MonitorDetail = lazy(() => import('./screens/monitors-detail.tsx'));
const Channels = lazy(() => import('./screens/channels.tsx'));
const Escalation = lazy(() => import('./screens/escalation.tsx'));
const Notifications = lazy(() => import('./screens/notifications.tsx'));
const Reports = lazy(() => import('./screens/reports.tsx'));
const Reviews = lazy(() => import('./screens/reviews.tsx'));
const ReviewDetail = lazy(() => import('./screens/review-detail.tsx'));
const Actions = lazy(() => import('./screens/actions.tsx'));
const Acknowledgements = lazy(() => import('./screens/acknowledgements.tsx'));
const MyFigures = lazy(() => import('./screens/my-figures.tsx'));
const BreachReasons = lazy(() => import('./screens/breach-reasons.tsx'));
const ReportSchedules = lazy(() => import('./screens/report-schedules.tsx'));
const Maintenance = lazy(() => import('./screens/maintenance.tsx'));
const Roster = lazy(() => import('./screens/roster.tsx'));
const BudgetAlerts = lazy(() => import('./screens/budget-alerts.tsx'));

const ROUTES: readonly (readonly [string, Screen])[] = [
  ['/', Dashboard],
  ['/tickets', Tickets],
  ['/tickets/:id', TicketDetail],
  ['/customers', Customers],
  ['/customers/:id', CustomerDetail],
  ['/services', Services],
  ['/monitors', Monitors],
  ['/monitors/:id', MonitorDetail],
  ['/calendars', Calendars],
  ['/calendars/new', CalendarEdit],
  ['/calendars/:id', CalendarEdit],
  ['/slas', Slas],
  ['/slas/:id', SlaDetail],
  ['/users', Users],
  ['/tokens', Tokens],
  ['/channels', Channels],
  ['/escalation', Escalation],
  ['/notifications', Notifications],
  ['/reports', Reports],
  ['/reviews', Reviews],
  ['/reviews/:id', ReviewDetail],
  ['/actions', Actions],
  ['/acknowledgements', Acknowledgements],
  ['/me', MyFigures],
  ['/breach-reasons', BreachReasons],
  ['/report-schedules', ReportSchedules],
  ['/maintenance', Maintenance],
  ['/roster', Roster],
  ['/budget-alerts', BudgetAlerts],
];

interface NavItem {
  readonly href: string;
  readonly label: MessageKey;
  readonly managers?: boolean;
  /** Hidden from customer viewers. */
  readonly staff?: boolean;
}

const NAV: readonly NavItem[] = [
  { href: '/', label: 'nav.dashboard' },
  { href: '/tickets', label: 'nav.tickets' },
  { href: '/customers', label: 'nav.customers' },
  { href: '/services', label: 'nav.services' },
  { href: '/monitors', label: 'nav.monitors' },
  { href: '/maintenance', label: 'nav.maintenance', staff: true },
  { href: '/calendars', label: 'nav.calendars' },
  { href: '/slas', label: 'nav.slas' },
  { href: '/reports', label: 'nav.reports' },
  { href: '/report-schedules', label: 'nav.reportSchedules', staff: true },
  { href: '/reviews', label: 'nav.reviews', staff: true },
  { href: '/actions', label: 'nav.actions', staff: true },
  { href: '/acknowledgements', label: 'nav.acknowledgements', staff: true },
  { href: '/me', label: 'nav.myFigures', staff: true },
  { href: '/escalation', label: 'nav.escalation', staff: true },
  { href: '/roster', label: 'nav.roster', staff: true },
  { href: '/budget-alerts', label: 'nav.budgetAlerts' },
  { href: '/channels', label: 'nav.channels', managers: true },
  { href: '/notifications', label: 'nav.notifications', staff: true },
  { href: '/users', label: 'nav.users', managers: true },
  { href: '/breach-reasons', label: 'nav.breachReasons', managers: true },
  { href: '/tokens', label: 'nav.tokens' },
];

function resolve(path: string): { Screen: Screen; params: Record<string, string> } | null {
  for (const [pattern, Screen] of ROUTES) {
    const params = match(pattern, path);
    if (params) return { Screen, params };
  }
  return null;
}

function Loading() {
  const { t } = useI18n();
  return (
    <Center p="xl" role="status">
      <Loader size="sm" />
      <VisuallyHidden>{t('app.loading')}</VisuallyHidden>
    </Center>
  );
}

export function App() {
  const { me } = useAuth();
  const { path, search } = useLocation();
  const setup = useLoad(async () => (await api.GET('/api/v1/setup')).data?.needsSetup ?? false, []);
  if (me === undefined || setup.loading) return <Loading />;
  if (setup.data === true) return <Setup token={search.get('token') ?? ''} onDone={setup.reload} />;
  if (!me) return <Login />;
  if (path === '/setup') {
    navigate('/', { replace: true });
    return null;
  }
  return <Shell path={path} />;
}

function Shell({ path }: { readonly path: string }) {
  const { t } = useI18n();
  const { me, logout } = useAuth();
  const [opened, { toggle, close }] = useDisclosure();
  const live = useLiveStatus();
  const main = useRef<HTMLElement>(null);
  const route = resolve(path);
  useEffect(() => {
    close();
    main.current?.focus();
  }, [path, close]);
  const active = (href: string): boolean =>
    href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`);
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <a href="#main" className="skip-link">
        {t('app.skip')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('app.openMenu')}
              aria-expanded={opened}
            />
            <Anchor component={Link} href="/" underline="never" c="dark">
              <Title order={2} size="h4">
                {t('app.name')}
              </Title>
            </Anchor>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Text size="xs" c="gray.7" visibleFrom="md" aria-live="polite">
              {live === null ? '' : live ? t('app.live') : t('app.offline')}
            </Text>
            <LanguageSwitch />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('nav.main')}>
        {/* The list scrolls on its own so that every entry stays reachable on a short window or a phone. */}
        <Stack gap={2} style={{ flex: 1, minHeight: 0, overflowY: 'auto' }}>
          {NAV.filter(
            (item) => (!item.managers || canManage(me)) && (!item.staff || (!!me && me.role !== 'customer')),
          ).map((item) => (
            <NavLink
              key={item.href}
              component={Link}
              href={item.href}
              label={t(item.label)}
              active={active(item.href)}
              aria-current={active(item.href) ? 'page' : undefined}
            />
          ))}
        </Stack>
        <Text size="sm" p="xs">
          {t('app.signedInAs', { name: me?.user?.name || me?.user?.email || '' })}
        </Text>
        <NavLink
          component="button"
          label={t('nav.logout')}
          onClick={() => void logout().then(() => navigate('/'))}
        />
      </AppShell.Navbar>
      <AppShell.Main id="main" ref={main} tabIndex={-1} style={{ outline: 'none' }}>
        <Suspense fallback={<Loading />}>
          {route ? (
            <route.Screen key={path} params={route.params} />
          ) : (
            <Stack>
              <Text>{t('app.notFound')}</Text>
              <Anchor component={Link} href="/">
                {t('app.backHome')}
              </Anchor>
            </Stack>
          )}
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
