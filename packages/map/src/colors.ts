import { formatValue, MapError } from './client/map-error.js';

/**
 * folium's marker colour names mapped to the hex fill each is drawn with.
 *
 * The names are folium's `Icon(color=...)` palette (the Leaflet.awesome-markers
 * sprite colours), so msticpy users keep their colour names; the hex values are
 * the awesome-markers sprite fills. Markers are drawn as inline SVG in this
 * colour, so no image asset is needed.
 */
export const FOLIUM_COLORS = {
  red: '#d63e2a',
  blue: '#38aadd',
  green: '#72b026',
  purple: '#d252b9',
  orange: '#f69730',
  darkred: '#a23336',
  lightred: '#ff8e7f',
  beige: '#ffcb92',
  darkblue: '#0067a3',
  darkgreen: '#728224',
  cadetblue: '#436978',
  darkpurple: '#5b396b',
  white: '#fbfbfb',
  pink: '#ff91ea',
  lightblue: '#8adaff',
  lightgreen: '#bbf970',
  gray: '#575757',
  black: '#303030',
  lightgray: '#a3a3a3',
} as const satisfies Record<string, string>;

/** A folium palette colour name, e.g. `'red'` or `'cadetblue'`. */
export type FoliumColor = keyof typeof FOLIUM_COLORS;

/** Whether `value` is one of the {@link FOLIUM_COLORS} names. */
export function isFoliumColor(value: unknown): value is FoliumColor {
  return typeof value === 'string' && Object.hasOwn(FOLIUM_COLORS, value);
}

/**
 * Check a colour name against the folium palette.
 *
 * @throws {@link MapError} `INVALID_COLOR` naming the value and listing the valid names.
 */
export function assertFoliumColor(value: unknown, layer?: string): FoliumColor {
  if (isFoliumColor(value)) return value;
  throw new MapError(
    'INVALID_COLOR',
    `Unknown marker colour ${formatValue(value)}${layer === undefined ? '' : ` for layer ${formatValue(layer)}`}; use one of: ${Object.keys(FOLIUM_COLORS).join(', ')}.`,
    { value, ...(layer === undefined ? {} : { layer }) },
  );
}
