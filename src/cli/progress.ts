import cliProgress from 'cli-progress';
import type { CliIo } from './io.ts';

/** Shows progress only on a terminal and only once an operation has taken more than `delayMs`. */
export function createProgress(io: CliIo, label: string, delayMs = 1000) {
  const started = Date.now();
  let bar: cliProgress.SingleBar | null = null;
  const enabled = Boolean(io.stderr.isTTY);
  return {
    update(rows: number, file: string) {
      if (!enabled) return;
      if (!bar) {
        if (Date.now() - started < delayMs) return;
        bar = new cliProgress.SingleBar(
          {
            format: `${label} {file} {bar} {value} rows · {speed} rows/s`,
            stream: io.stderr as NodeJS.WritableStream,
            hideCursor: true,
            clearOnComplete: true,
            barsize: 20,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(0, 0, { file, speed: 0 });
      }
      // The total is not known while streaming: the bar pulses and the count runs.
      const seconds = Math.max(0.001, (Date.now() - started) / 1000);
      bar.setTotal(Math.max(rows * 1.25, 1));
      bar.update(rows, { file, speed: Math.round(rows / seconds).toLocaleString('en-US') });
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}

/** A bar over a known total (simulated days), shown on a terminal once the work has taken `delayMs`. */
export function createCountProgress(io: CliIo, label: string, unit: string, delayMs = 300) {
  const started = Date.now();
  let bar: cliProgress.SingleBar | null = null;
  const enabled = Boolean(io.stderr.isTTY);
  return {
    update(done: number, total: number) {
      if (!enabled) return;
      if (!bar) {
        if (Date.now() - started < delayMs) return;
        bar = new cliProgress.SingleBar(
          {
            format: `${label} {bar} {value}/{total} ${unit}`,
            stream: io.stderr as NodeJS.WritableStream,
            hideCursor: true,
            clearOnComplete: true,
            barsize: 30,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, done);
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}
