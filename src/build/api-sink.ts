/**
 * The `/api/detections.json` route hands its records to the catalog integration here, so the
 * per-detection files (`/api/detections/<id>.json`) are written while the other pages render.
 * The route and the integration are separate module graphs, hence globalThis.
 */
type Sink = (records: readonly { id: string }[]) => void;
const KEY = Symbol.for('detection-catalog.detection-api-sink');

export function setDetectionApiSink(sink: Sink | null): void {
  (globalThis as unknown as Record<symbol, Sink | null>)[KEY] = sink;
}

export function detectionApiSink(): Sink | null {
  return (globalThis as unknown as Record<symbol, Sink | null | undefined>)[KEY] ?? null;
}
