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
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) return v6.toIPv4Address();
    // The deprecated IPv4-compatible form (::127.0.0.1) is judged as its IPv4 address too.
    const parts = v6.parts;
    if (parts.slice(0, 6).every((p) => p === 0) && (parts[6] !== 0 || parts[7] > 1)) {
      return ipaddr.fromByteArray(v6.toByteArray().slice(12));
    }
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
