import { StringDecoder } from 'node:string_decoder';

/**
 * Collects one stream of the child: decodes UTF-8 safely across chunk
 * boundaries, forwards text as it arrives and keeps at most `maxBytes` bytes.
 */
export interface OutputCollector {
  /** Takes a chunk; returns false once the cap is reached (the caller stops the process). */
  push(chunk: Buffer): boolean;
  /** Flushes a trailing partial character (only when the stream ended normally). */
  end(): void;
  readonly text: string;
  readonly truncated: boolean;
}

export function createOutputCollector(maxBytes: number, onText: (text: string) => void): OutputCollector {
  const decoder = new StringDecoder('utf8');
  const parts: string[] = [];
  let bytes = 0;
  let truncated = false;
  const emit = (text: string): void => {
    if (text.length === 0) return;
    parts.push(text);
    onText(text);
  };
  return {
    push(chunk) {
      if (truncated) return false;
      const room = maxBytes - bytes;
      if (chunk.length <= room) {
        bytes += chunk.length;
        emit(decoder.write(chunk));
        return true;
      }
      // Keep the first bytes; a character cut in half at the cap is dropped
      // (end() is never called after truncation), never emitted as garbage.
      emit(decoder.write(chunk.subarray(0, room)));
      bytes = maxBytes;
      truncated = true;
      return false;
    },
    end() {
      if (!truncated) emit(decoder.end());
    },
    get text() {
      return parts.join('');
    },
    get truncated() {
      return truncated;
    },
  };
}
