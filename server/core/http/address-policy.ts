import ipaddr from 'ipaddr.js';

/**
 * Which resolved addresses an outbound request may connect to. User-typed URLs
 * (instances, webhooks, feeds) are hostile until proven otherwise: anything
 * that is not public unicast is refused unless an operator allow-listed it.
 */
export interface AddressPolicy {
  /** exact host names, IP addresses or CIDR ranges that are allowed even when private */
  allowedHosts: string[];
}

function normalise(address: string): ipaddr.IPv4 | ipaddr.IPv6 {
  const parsed = ipaddr.parse(address);
  // ::ffff:127.0.0.1 must be judged as the IPv4 address it carries.
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    return (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed;
}

export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return normalise(address).range() === 'unicast';
}

function inAllowList(host: string, address: string | null, policy: AddressPolicy): boolean {
  for (const entry of policy.allowedHosts) {
    if (entry.toLowerCase() === host.toLowerCase()) return true;
    if (address && entry.includes('/') && ipaddr.isValid(address)) {
      try {
        const [range, bits] = ipaddr.parseCIDR(entry);
        const candidate = normalise(address);
        if (candidate.kind() === range.kind() && candidate.match([range, bits] as [typeof candidate, number])) return true;
      } catch {
        // a malformed CIDR entry simply matches nothing
      }
    } else if (address && ipaddr.isValid(entry) && ipaddr.isValid(address)) {
      if (normalise(entry).toString() === normalise(address).toString()) return true;
    }
  }
  return false;
}

export function isAllowedAddress(host: string, address: string, policy: AddressPolicy): boolean {
  return isPublicAddress(address) || inAllowList(host, address, policy);
}
