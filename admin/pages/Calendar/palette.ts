import type { Network } from '../../api/types';
import { byNetwork } from '../../../shared/networks';

/**
 * Stable colours: a pillar keeps its colour from one month to the next (its
 * editorial-line colour when it has one, else one picked from its name), and
 * each network has its own. Chosen to stay readable with white text in both
 * the light and the dark theme.
 */
const PILLAR_PALETTE = ['#4945ff', '#328048', '#d02b20', '#a4610b', '#0c75af', '#8312d1', '#b72b64', '#2d7a75', '#5c5b7d', '#9c4a12'];

export const NO_PILLAR_COLOR = '#8e8ea9';

/** Each network's colour, from its profile. */
export const NETWORK_COLORS: Record<Network, string> = byNetwork((profile) => profile.color);

const hash = (text: string) => [...text.toLowerCase()].reduce((h, c) => (h * 31 + c.codePointAt(0)!) >>> 0, 7);

export function pillarColor(pillar: string | null, lineColors: ReadonlyMap<string, string>): string {
  if (!pillar) return NO_PILLAR_COLOR;
  return lineColors.get(pillar.trim().toLowerCase()) ?? PILLAR_PALETTE[hash(pillar.trim()) % PILLAR_PALETTE.length];
}

export type ColorBy = 'pillar' | 'network';
