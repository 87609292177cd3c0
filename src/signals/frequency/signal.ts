// Any frequency reader (file replay, MQTT topic, a meter's Hz) as the dispatcher's FrequencySignal.
import type { FrequencySignal } from "../../domain/signals.js";
import type { SignalReader } from "../source.js";

/** Undefined until the reader has produced anything: the dispatcher then reports "no frequency measurement". */
export function toFrequencySignal(
  reader: SignalReader<number>,
  nominalHz: number,
): FrequencySignal | undefined {
  const hz = reader.reading();
  return hz === undefined ? undefined : { hz, nominalHz };
}
