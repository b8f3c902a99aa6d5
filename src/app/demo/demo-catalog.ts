// The fixed part of the demo: a small IT provider's customers, services, calendars and SLAs.
import type { CalendarDefinition } from '../../domain/calendars/calendar-definition.ts';
import type { Criticality } from '../catalog/catalog.repository.ts';
import type { ContactInput } from '../catalog/contacts.use-cases.ts';
import type { TermsInput } from '../slas/sla-terms.ts';

export const DEMO_PROVIDER = 'Muster IT-Service GmbH';

export type ServiceKey =
  'mail' | 'm365' | 'files' | 'firewall' | 'workplace' | 'printing' | 'backup' | 'website';
export type CustomerKey = 'law' | 'dental' | 'bakery';
export type CalendarKey = 'munich' | 'hamburg' | 'always';
export type SlaKey = 'premium' | 'standard' | 'basic';

export interface DemoService {
  readonly key: ServiceKey;
  readonly name: string;
  readonly description: string;
  readonly owner: string;
}

export interface DemoImpact {
  readonly criticality: Criticality;
  readonly usersAffected: number;
  /** Euro per hour of downtime. */
  readonly downtimeCostPerHour: number;
  readonly maxTolerableDowntimeMinutes: number;
  readonly notes?: string;
}

export interface DemoCustomer {
  readonly key: CustomerKey;
  readonly name: string;
  readonly shortName: string;
  readonly notes: string;
  readonly contacts: readonly ContactInput[];
  /** The services the customer uses, with what an outage costs it. */
  readonly impacts: Readonly<Partial<Record<ServiceKey, DemoImpact>>>;
  readonly sla: SlaKey;
  /** Tickets per month. */
  readonly ticketsPerMonth: number;
  /** When its people call: tickets are spread evenly over this calendar's open time. */
  readonly reportingHours: CalendarDefinition;
}

export interface DemoSla {
  readonly key: SlaKey;
  readonly name: string;
  readonly description: string;
  readonly customers: readonly CustomerKey[];
  /** Each priority's first response and resolution, on one calendar. */
  readonly targets: Readonly<
    Record<'P1' | 'P2' | 'P3' | 'P4', { firstResponse: string; resolution: string; calendar: CalendarKey }>
  >;
  readonly terms: Omit<TermsInput, 'targets'>;
}

export const WAITING = 'waiting for customer';
export const DEMO_PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type DemoPriority = (typeof DEMO_PRIORITIES)[number];

export const SERVICES: readonly DemoService[] = [
  {
    key: 'mail',
    name: 'Mail',
    description: 'Hosted Exchange mailboxes, spam and virus filter, archiving',
    owner: 'Team Collaboration',
  },
  {
    key: 'm365',
    name: 'Microsoft 365',
    description: 'Licences, Teams, OneDrive and SharePoint, sign-in with MFA',
    owner: 'Team Collaboration',
  },
  {
    key: 'files',
    name: 'File server',
    description: 'Windows file server on site with shared drives and permissions',
    owner: 'Team Infrastructure',
  },
  {
    key: 'firewall',
    name: 'Firewall/VPN',
    description: 'Firewall, web filter, site-to-site and home-office VPN',
    owner: 'Team Infrastructure',
  },
  {
    key: 'workplace',
    name: 'Workplace PCs',
    description: 'Desktops and laptops: setup, patching, antivirus, peripherals',
    owner: 'Team Workplace',
  },
  {
    key: 'printing',
    name: 'Printing',
    description: 'Printers, multifunction devices, scan to e-mail, label printers',
    owner: 'Team Workplace',
  },
  {
    key: 'backup',
    name: 'Backup',
    description: 'Nightly backup to the data centre in Frankfurt, restore tests',
    owner: 'Team Infrastructure',
  },
  {
    key: 'website',
    name: 'Website',
    description: 'Hosting, certificates and small content changes',
    owner: 'Team Web',
  },
];

const weekdays = (interval: string): CalendarDefinition['hours'] => ({
  mon: [interval],
  tue: [interval],
  wed: [interval],
  thu: [interval],
  fri: [interval],
});

const YEAR_END = [
  { date: '12-24', name: 'Christmas Eve' },
  { date: '12-31', name: "New Year's Eve" },
];

export const CALENDARS: Readonly<Record<CalendarKey, CalendarDefinition & { readonly name: string }>> = {
  munich: {
    name: 'Office hours Munich',
    timeZone: 'Europe/Berlin',
    hours: { ...weekdays('08:00-18:00'), fri: ['08:00-16:00'] },
    holidays: YEAR_END,
    holidayRegions: ['DE-BY'],
  },
  hamburg: {
    name: 'Office hours Hamburg',
    timeZone: 'Europe/Berlin',
    hours: weekdays('08:00-17:00'),
    holidays: YEAR_END,
    holidayRegions: ['DE-HH'],
  },
  always: { name: '24/7', timeZone: 'Europe/Berlin' },
};

export const CUSTOMERS: readonly DemoCustomer[] = [
  {
    key: 'law',
    name: 'Kanzlei Berger & Partner Rechtsanwälte',
    shortName: 'Berger & Partner',
    notes: 'Law office in Munich (Maxvorstadt), 14 workplaces, two partners work from home on Fridays.',
    contacts: [
      {
        name: 'Dr. Katharina Berger',
        email: 'k.berger@berger-partner.example',
        phone: '+49 89 2180 4410',
        role: 'managing partner',
        escalationLevel: 2,
        receivesReports: true,
      },
      {
        name: 'Florian Huber',
        email: 'f.huber@berger-partner.example',
        phone: '+49 89 2180 4425',
        role: 'IT contact',
        escalationLevel: 1,
      },
      {
        name: 'Sabine Wagner',
        email: 's.wagner@berger-partner.example',
        phone: '+49 89 2180 4400',
        role: 'office manager',
        escalationLevel: 0,
        receivesReports: true,
      },
    ],
    impacts: {
      mail: {
        criticality: 'critical',
        usersAffected: 14,
        downtimeCostPerHour: 1200,
        maxTolerableDowntimeMinutes: 240,
        notes: 'Court deadlines arrive by e-mail and beA',
      },
      m365: {
        criticality: 'critical',
        usersAffected: 14,
        downtimeCostPerHour: 1100,
        maxTolerableDowntimeMinutes: 240,
      },
      files: {
        criticality: 'high',
        usersAffected: 14,
        downtimeCostPerHour: 900,
        maxTolerableDowntimeMinutes: 480,
        notes: 'Client files and the law-firm software database',
      },
      firewall: {
        criticality: 'high',
        usersAffected: 14,
        downtimeCostPerHour: 800,
        maxTolerableDowntimeMinutes: 240,
      },
      workplace: {
        criticality: 'medium',
        usersAffected: 1,
        downtimeCostPerHour: 150,
        maxTolerableDowntimeMinutes: 480,
      },
      printing: {
        criticality: 'medium',
        usersAffected: 14,
        downtimeCostPerHour: 200,
        maxTolerableDowntimeMinutes: 480,
      },
      backup: {
        criticality: 'high',
        usersAffected: 14,
        downtimeCostPerHour: 100,
        maxTolerableDowntimeMinutes: 1440,
      },
      website: {
        criticality: 'low',
        usersAffected: 0,
        downtimeCostPerHour: 50,
        maxTolerableDowntimeMinutes: 2880,
      },
    },
    sla: 'premium',
    ticketsPerMonth: 22,
    reportingHours: { timeZone: 'Europe/Berlin', hours: weekdays('07:30-19:00'), holidayRegions: ['DE-BY'] },
  },
  {
    key: 'dental',
    name: 'Zahnarztpraxis Dr. Jansen',
    shortName: 'Praxis Jansen',
    notes:
      'Dental practice in Hamburg-Eimsbüttel, 9 workplaces, X-ray and practice software on the local server.',
    contacts: [
      {
        name: 'Dr. Henrik Jansen',
        email: 'praxis@dr-jansen.example',
        phone: '+49 40 4191 2270',
        role: 'managing director',
        escalationLevel: 2,
        receivesReports: true,
      },
      {
        name: 'Maike Petersen',
        email: 'm.petersen@dr-jansen.example',
        phone: '+49 40 4191 2271',
        role: 'IT contact',
        escalationLevel: 1,
      },
    ],
    impacts: {
      mail: {
        criticality: 'medium',
        usersAffected: 9,
        downtimeCostPerHour: 200,
        maxTolerableDowntimeMinutes: 480,
      },
      m365: {
        criticality: 'medium',
        usersAffected: 9,
        downtimeCostPerHour: 200,
        maxTolerableDowntimeMinutes: 480,
      },
      files: {
        criticality: 'critical',
        usersAffected: 9,
        downtimeCostPerHour: 1500,
        maxTolerableDowntimeMinutes: 120,
        notes: 'Practice software and X-ray images; no treatment without them',
      },
      firewall: {
        criticality: 'high',
        usersAffected: 9,
        downtimeCostPerHour: 600,
        maxTolerableDowntimeMinutes: 240,
        notes: 'Telematics infrastructure connector',
      },
      workplace: {
        criticality: 'high',
        usersAffected: 3,
        downtimeCostPerHour: 700,
        maxTolerableDowntimeMinutes: 120,
      },
      printing: {
        criticality: 'medium',
        usersAffected: 4,
        downtimeCostPerHour: 150,
        maxTolerableDowntimeMinutes: 480,
      },
      backup: {
        criticality: 'high',
        usersAffected: 9,
        downtimeCostPerHour: 100,
        maxTolerableDowntimeMinutes: 1440,
      },
    },
    sla: 'standard',
    ticketsPerMonth: 12,
    reportingHours: { timeZone: 'Europe/Berlin', hours: weekdays('07:30-18:00'), holidayRegions: ['DE-HH'] },
  },
  {
    key: 'bakery',
    name: 'Bäckerei Sommer GmbH',
    shortName: 'Bäckerei Sommer',
    notes:
      'Bakery chain in Augsburg: bakehouse, office and six branches; the branches open at 06:00, also on Saturdays.',
    contacts: [
      {
        name: 'Michael Sommer',
        email: 'michael.sommer@baeckerei-sommer.example',
        phone: '+49 821 4550 100',
        role: 'managing director',
        escalationLevel: 2,
        receivesReports: true,
      },
      {
        name: 'Laura Schmid',
        email: 'l.schmid@baeckerei-sommer.example',
        phone: '+49 821 4550 120',
        role: 'IT contact',
        escalationLevel: 1,
      },
      {
        name: 'Tobias Maier',
        email: 't.maier@baeckerei-sommer.example',
        phone: '+49 821 4550 130',
        role: 'head of branches',
        escalationLevel: 1,
      },
    ],
    impacts: {
      mail: {
        criticality: 'medium',
        usersAffected: 10,
        downtimeCostPerHour: 150,
        maxTolerableDowntimeMinutes: 480,
      },
      m365: {
        criticality: 'medium',
        usersAffected: 10,
        downtimeCostPerHour: 150,
        maxTolerableDowntimeMinutes: 480,
      },
      firewall: {
        criticality: 'critical',
        usersAffected: 35,
        downtimeCostPerHour: 2000,
        maxTolerableDowntimeMinutes: 60,
        notes: 'Branch VPN carries the tills and card payments',
      },
      workplace: {
        criticality: 'high',
        usersAffected: 35,
        downtimeCostPerHour: 400,
        maxTolerableDowntimeMinutes: 240,
      },
      printing: {
        criticality: 'high',
        usersAffected: 12,
        downtimeCostPerHour: 600,
        maxTolerableDowntimeMinutes: 120,
        notes: 'Label printers for pre-orders in the bakehouse',
      },
      backup: {
        criticality: 'medium',
        usersAffected: 3,
        downtimeCostPerHour: 50,
        maxTolerableDowntimeMinutes: 2880,
      },
      website: {
        criticality: 'high',
        usersAffected: 0,
        downtimeCostPerHour: 300,
        maxTolerableDowntimeMinutes: 240,
        notes: 'Online pre-orders for cakes and catering',
      },
    },
    sla: 'basic',
    ticketsPerMonth: 18,
    reportingHours: {
      timeZone: 'Europe/Berlin',
      hours: { ...weekdays('05:00-18:00'), sat: ['05:00-13:00'] },
      holidayRegions: ['DE-BY'],
    },
  },
];

const TERMS_COMMON = { pauseStatuses: [WAITING], reviewIntervalMonths: 12 } as const;

export const SLAS: readonly DemoSla[] = [
  {
    key: 'premium',
    name: 'Managed Premium',
    description: `${DEMO_PROVIDER}: critical incidents around the clock, everything else on office hours Munich.`,
    customers: ['law'],
    targets: {
      P1: { firstResponse: 'PT1H', resolution: 'PT4H', calendar: 'always' },
      P2: { firstResponse: 'PT1H', resolution: 'PT8H', calendar: 'munich' },
      P3: { firstResponse: 'PT4H', resolution: 'PT24H', calendar: 'munich' },
      P4: { firstResponse: 'PT8H', resolution: 'PT40H', calendar: 'munich' },
    },
    terms: {
      ...TERMS_COMMON,
      warnings: [0.75, 0.9],
      availability: [{ target: 0.995 }],
      credits: [
        { below: 0.995, creditPercent: 5 },
        { below: 0.99, creditPercent: 10 },
      ],
    },
  },
  {
    key: 'standard',
    name: 'Managed Standard',
    description: `${DEMO_PROVIDER}: all priorities on office hours Hamburg.`,
    customers: ['dental'],
    targets: {
      P1: { firstResponse: 'PT1H', resolution: 'PT6H', calendar: 'hamburg' },
      P2: { firstResponse: 'PT2H', resolution: 'PT12H', calendar: 'hamburg' },
      P3: { firstResponse: 'PT4H', resolution: 'PT27H', calendar: 'hamburg' },
      P4: { firstResponse: 'PT8H', resolution: 'PT45H', calendar: 'hamburg' },
    },
    terms: { ...TERMS_COMMON, warnings: [0.75, 0.9], availability: [{ target: 0.99 }], credits: [] },
  },
  {
    key: 'basic',
    name: 'Basic',
    description: `${DEMO_PROVIDER}: best effort on office hours Munich; the default for customers without a contract of their own.`,
    customers: [],
    targets: {
      P1: { firstResponse: 'PT2H', resolution: 'PT10H', calendar: 'munich' },
      P2: { firstResponse: 'PT4H', resolution: 'PT20H', calendar: 'munich' },
      P3: { firstResponse: 'PT8H', resolution: 'PT40H', calendar: 'munich' },
      P4: { firstResponse: 'PT16H', resolution: 'PT80H', calendar: 'munich' },
    },
    terms: { ...TERMS_COMMON, warnings: [0.75], availability: [], credits: [] },
  },
];

/** Titles people write, per service: incidents and service requests. */
export const TITLES: Readonly<
  Record<ServiceKey, { readonly incident: readonly string[]; readonly request: readonly string[] }>
> = {
  mail: {
    incident: [
      'Outlook keeps asking for the password',
      'Mail to a client bounces with 550 5.7.1',
      'Shared mailbox no longer visible in Outlook',
      'Out-of-office reply is not sent',
      'Invoice from supplier stuck in quarantine',
      'Outlook search finds nothing older than a week',
      'Mails arrive with a delay of several hours',
    ],
    request: [
      'Create a mailbox for a new employee',
      'Forward mails of a leaver to the office',
      'Add alias address for applications',
    ],
  },
  m365: {
    incident: [
      'Teams meetings: others cannot hear me',
      'OneDrive stops syncing with an error',
      'New phone: MFA sign-in not possible',
      'SharePoint page shows "access denied"',
      'Excel file opens read-only for everyone',
    ],
    request: [
      'Licence for a new employee',
      'Shared calendar for the meeting room',
      'Remove licence of a leaver',
      'Guest access to a Teams channel',
    ],
  },
  files: {
    incident: [
      'Drive S: not connected after sign-in',
      'Access denied on a shared folder',
      'File server very slow in the afternoon',
      'Document is locked by a user who is not there',
    ],
    request: ['Restore a deleted folder from yesterday', 'New shared folder with restricted access'],
  },
  firewall: {
    incident: [
      'VPN drops every hour',
      'Home office cannot connect to the VPN',
      'Web filter blocks a supplier portal',
      'Internet very slow since this morning',
    ],
    request: ['VPN access for a new laptop', 'Open a port for the new phone system'],
  },
  workplace: {
    incident: [
      'PC does not start after the Windows update',
      'Second monitor stays black',
      'Laptop extremely slow',
      'Keyboard and mouse not recognised',
      'Antivirus reports a threat',
      'Blue screen when docking the laptop',
    ],
    request: [
      'Set up a workstation for a new employee',
      'Install a PDF editor',
      'Replace laptop battery',
      'Move PC to another desk',
    ],
  },
  printing: {
    incident: [
      'Printer prints blank pages',
      'Scan to e-mail fails',
      'Paper jam error that does not clear',
      'Printer offline for everyone',
      'Colour prints come out striped',
    ],
    request: ['Add printer to a new PC', 'Scan folder for a new employee'],
  },
  backup: {
    incident: [
      'Backup job failed last night',
      'Backup storage 90 % full',
      'Backup of the mail archive incomplete',
    ],
    request: ['Restore test of the database', 'Restore a single mail from last month'],
  },
  website: {
    incident: [
      'Website shows a certificate warning',
      'Contact form does not send',
      'Website very slow',
      'Website down',
    ],
    request: ['Update opening hours on the website', 'Add a new team photo', 'New page for job offers'],
  },
};

/** Customer-specific incidents that make the history recognisable. */
export const LOCAL_TITLES: Readonly<Record<CustomerKey, readonly (readonly [ServiceKey, string])[]>> = {
  law: [
    ['workplace', 'Dictation software does not start'],
    ['files', 'Law-firm software cannot reach its database'],
    ['mail', 'beA messages not forwarded to the mailbox'],
  ],
  dental: [
    ['workplace', 'X-ray workstation cannot open images'],
    ['firewall', 'Telematics connector offline, card reader not working'],
    ['files', 'Practice software slow in all treatment rooms'],
  ],
  bakery: [
    ['firewall', 'Branch Haunstetten: till cannot reach the head office'],
    ['printing', 'Label printer in the bakehouse offline'],
    ['website', 'Pre-orders from the website not arriving'],
    ['workplace', 'Branch PC Lechhausen does not boot'],
  ],
};

export const AGENT_NOTES: readonly string[] = [
  'Checked the event log: disk errors on the system drive, replacement ordered.',
  'Remote session with the user; cause was a stale credential in the Windows credential manager.',
  'Same symptom as last month, see the previous ticket. Vendor case opened.',
  'Called the IT contact, agreed to fix it after 17:00 to avoid disruption.',
  'Firmware update applied, monitoring for 24 h before closing.',
  'Licence count checked: one free licence left in the tenant.',
  'Escalated to Team Infrastructure for a second opinion.',
  'Workaround in place; permanent fix planned for the next maintenance window.',
];
