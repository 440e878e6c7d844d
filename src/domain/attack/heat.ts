/**
 * The shade of a matrix cell for its number of detections (CSS classes l0 … l4): the page
 * paints it and the story filter (src/client/matrix-filter.ts) repaints it, so both use this.
 */
export function heatLevel(count: number): 0 | 1 | 2 | 3 | 4 {
  return count === 0 ? 0 : count === 1 ? 1 : count <= 4 ? 2 : count <= 9 ? 3 : 4;
}
