import type { StoredClient, StoredSession } from '../store/store.ts';

/**
 * A session's `latest_activity` as `<UserProfile>`'s active devices show it:
 * browser, version and device read from the User-Agent its browser last sent
 * (no geolocation locally: city and country stay empty).
 */
interface Browser {
  name: string;
  pattern: RegExp;
}

// Order matters: Edge and Opera also say Chrome, Chrome also says Safari.
const BROWSERS: readonly Browser[] = [
  { name: 'Edge', pattern: /Edg(?:e|A|iOS)?\/([\d.]+)/ },
  { name: 'Opera', pattern: /OPR\/([\d.]+)/ },
  { name: 'Firefox', pattern: /(?:Firefox|FxiOS)\/([\d.]+)/ },
  { name: 'Chrome', pattern: /(?:HeadlessChrome|Chrome|CriOS)\/([\d.]+)/ },
  { name: 'Safari', pattern: /Version\/([\d.]+).*Safari\// },
];

const DEVICES: readonly [string, RegExp][] = [
  ['iPhone', /iPhone/],
  ['iPad', /iPad/],
  ['Android', /Android/],
  ['Macintosh', /Macintosh/],
  ['Windows', /Windows/],
  ['Linux', /Linux|X11/],
];

export interface ParsedUserAgent {
  browserName: string;
  browserVersion: string;
  deviceType: string;
  isMobile: boolean;
}

export function parseUserAgent(userAgent: string | undefined): ParsedUserAgent {
  const ua = userAgent ?? '';
  const browser = BROWSERS.map((candidate) => ({ name: candidate.name, match: candidate.pattern.exec(ua) })).find((found) => found.match);
  const device = DEVICES.find(([, pattern]) => pattern.test(ua))?.[0];
  return {
    browserName: browser?.name ?? 'Unknown browser',
    browserVersion: browser?.match?.[1] ?? '',
    deviceType: device ?? 'Unknown device',
    isMobile: /Mobi|iPhone|Android/.test(ua),
  };
}

export function sessionActivityJson(session: StoredSession, client: StoredClient | undefined) {
  const parsed = parseUserAgent(client?.userAgent);
  return {
    object: 'session_activity',
    id: `sess_activity_${session.id}`,
    device_type: parsed.deviceType,
    is_mobile: parsed.isMobile,
    browser_name: parsed.browserName,
    browser_version: parsed.browserVersion,
    ip_address: client?.ipAddress ?? '127.0.0.1',
    city: null,
    country: null,
  };
}
