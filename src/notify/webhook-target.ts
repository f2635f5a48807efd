import { type LookupAddress, lookup } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import type { WebhookTargets } from '../kernel/config.js';

export type { WebhookTargets };

/** Ranges a webhook may never reach unless targets are `local`, with the name a refusal gives. */
const BLOCKED: [string, number, 'ipv4' | 'ipv6', string][] = [
  ['0.0.0.0', 8, 'ipv4', 'unspecified'],
  ['10.0.0.0', 8, 'ipv4', 'private'],
  ['100.64.0.0', 10, 'ipv4', 'shared (carrier-grade NAT)'],
  ['127.0.0.0', 8, 'ipv4', 'loopback'],
  ['169.254.0.0', 16, 'ipv4', 'link-local (cloud metadata)'],
  ['172.16.0.0', 12, 'ipv4', 'private'],
  ['192.0.0.0', 24, 'ipv4', 'IETF protocol assignments'],
  ['192.168.0.0', 16, 'ipv4', 'private'],
  ['198.18.0.0', 15, 'ipv4', 'benchmarking'],
  ['224.0.0.0', 4, 'ipv4', 'multicast'],
  ['240.0.0.0', 4, 'ipv4', 'reserved'],
  ['::', 128, 'ipv6', 'unspecified'],
  ['::1', 128, 'ipv6', 'loopback'],
  ['64:ff9b::', 96, 'ipv6', 'NAT64'],
  ['fc00::', 7, 'ipv6', 'unique-local'],
  ['fe80::', 10, 'ipv6', 'link-local'],
  ['fec0::', 10, 'ipv6', 'site-local'],
  ['ff00::', 8, 'ipv6', 'multicast'],
  ['fd00:ec2::254', 128, 'ipv6', 'cloud metadata'],
];

const lists = BLOCKED.map(([address, prefix, family, name]) => {
  const list = new BlockList();
  list.addSubnet(address, prefix, family);
  return { list, family, name };
});

/** Why `ip` is no place for a webhook (loopback, private, …), or null for a public address. */
export function blockedAddressReason(ip: string): string | null {
  const family = isIP(ip);
  if (family === 0) return 'not an IP address';
  // An IPv4-mapped IPv6 address (::ffff:127.0.0.1) is judged as the IPv4 address it carries.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  if (mapped) return blockedAddressReason(mapped);
  // …also in its hex form, as the URL parser writes it (http://[::ffff:127.0.0.1]/ → [::ffff:7f00:1]).
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(ip);
  if (hex) {
    const [high, low] = [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16)];
    return blockedAddressReason(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`);
  }
  const type = family === 4 ? 'ipv4' : 'ipv6';
  for (const { list, family: f, name } of lists) {
    if (f === type && list.check(ip, type)) return name;
  }
  return null;
}

/** The URL's own refusal (scheme, credentials, an IP literal in a blocked range), before any DNS. */
export function webhookUrlProblem(url: URL, targets: WebhookTargets): string | null {
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && targets !== 'public')) {
    return `webhook URLs must use https${targets === 'public' ? '' : ' or http'}`;
  }
  if (url.username || url.password) return 'webhook URLs carry no credentials';
  if (targets === 'local') return null;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) {
    const reason = blockedAddressReason(host);
    if (reason) return `webhook target ${host} is ${reason}`;
  }
  return null;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for the outgoing socket: resolves the name, refuses it if any address it resolves to
 * is blocked, and hands the socket exactly the address it checked. The check is on the connection
 * itself, after DNS, so a name that resolves to a public address when saved and to 127.0.0.1 when
 * delivered (DNS rebinding) is still refused.
 */
export function guardedLookup(targets: WebhookTargets) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback): void => {
    lookup(hostname, { all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      if (targets !== 'local') {
        for (const { address } of addresses) {
          const reason = blockedAddressReason(address);
          if (reason) {
            const refused = new Error(`webhook target ${hostname} resolves to ${address} (${reason})`);
            return callback(Object.assign(refused, { code: 'EWEBHOOKTARGET' }), []);
          }
        }
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}

/** Host names that are this machine whatever DNS says (RFC 6761 `localhost` and its subdomains). */
const LOCAL_NAME = /^(localhost|.*\.localhost)\.?$/i;

const SAVE_LOOKUP_TIMEOUT_MS = 2_000;

type LookupAll = (hostname: string) => Promise<string[]>;

const lookupAll: LookupAll = (hostname) =>
  new Promise((resolve, reject) =>
    lookup(hostname, { all: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses.map((a) => a.address)),
    ),
  );

/**
 * Why a webhook URL may not be saved, or null: the URL's own refusal (scheme, credentials, an
 * address literal), a `localhost` name, or a name that resolves now to a refused address. A name
 * that does not resolve (yet), or not within 2 s, is accepted: the check at delivery, on the
 * connection itself, is the one that holds (DNS can change after saving). This one gives the
 * customer an answer at once, naming the field, instead of deliveries that fail later.
 */
export async function webhookSaveProblem(
  text: string,
  targets: WebhookTargets,
  resolve: LookupAll = lookupAll,
): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'not a URL';
  }
  const problem = webhookUrlProblem(url, targets);
  if (problem || targets === 'local') return problem;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return null; // judged above
  if (LOCAL_NAME.test(host)) return `webhook target ${host} is loopback`;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<string[]>((done) => {
    timer = setTimeout(() => done([]), SAVE_LOOKUP_TIMEOUT_MS);
  });
  const addresses = await Promise.race([resolve(host), timeout]).catch(() => [] as string[]);
  clearTimeout(timer);
  for (const address of addresses) {
    const reason = blockedAddressReason(address);
    if (reason) return `webhook target ${host} resolves to ${address} (${reason})`;
  }
  return null;
}
