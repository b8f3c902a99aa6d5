import net from 'node:net';
import { elapsedSince, upUnlessSlow } from './outcome.ts';
import type { Probe } from './probe.ts';

/** Up when a TCP connection opens; the latency is the time to connect. The connection is closed at once. */
export const tcpProbe: Probe<'tcp'> = {
  kind: 'tcp',
  run(def, { signal }) {
    const { host, port } = def.config;
    return new Promise((resolve, reject) => {
      const start = performance.now();
      const socket = net.connect({ host, port });
      const onAbort = (): void => {
        socket.destroy();
        reject(signal?.reason instanceof Error ? signal.reason : new Error('check cancelled'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = (): void => {
        signal?.removeEventListener('abort', onAbort);
        socket.destroy();
      };
      socket.once('connect', () => {
        const latencyMs = elapsedSince(start);
        const address = socket.remoteAddress ?? null;
        done();
        resolve(upUnlessSlow(def, latencyMs, { address }));
      });
      socket.once('error', (error) => {
        done();
        reject(error);
      });
    });
  },
};
