import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { Extension } from '../Extension.ts';

/** Prometheus metrics for the collaboration server, fed by the hooks (never by document text). */
export class MetricsExtension implements Extension {
  readonly name = 'metrics';
  readonly priority = 1000;
  private readonly connections: Gauge;
  private readonly documentsLoaded: Gauge;
  private readonly updatesIn: Counter;
  private readonly updatesOut: Counter;
  private readonly storeAppendSeconds: Histogram;
  private readonly documentLoadSeconds: Histogram;
  private readonly refused: Counter<'reason'>;

  constructor(registry: Registry) {
    const registers = [registry];
    this.connections = new Gauge({ name: 'concord_connections', help: 'Open collaboration websockets', registers });
    this.documentsLoaded = new Gauge({ name: 'concord_documents_loaded', help: 'Documents open in memory on this instance', registers });
    this.updatesIn = new Counter({ name: 'concord_updates_in_total', help: 'Client updates accepted', registers });
    this.updatesOut = new Counter({ name: 'concord_updates_out_total', help: 'Updates sent to clients after being stored', registers });
    this.storeAppendSeconds = new Histogram({
      name: 'concord_store_append_seconds',
      help: 'Time from an accepted update to its durable append',
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1],
      registers,
    });
    this.documentLoadSeconds = new Histogram({ name: 'concord_document_load_seconds', help: 'Time to load a document from the store', registers });
    this.refused = new Counter({ name: 'concord_refused_messages_total', help: 'Messages refused, by reason', labelNames: ['reason'], registers });
  }

  onConnect(): void {
    this.connections.inc();
  }

  onDisconnect(): void {
    this.connections.dec();
  }

  onChange(): void {
    this.updatesIn.inc();
  }

  onBroadcast({ recipients }: { recipients: number }): void {
    this.updatesOut.inc(recipients);
  }

  onStore({ seconds }: { seconds: number }): void {
    this.storeAppendSeconds.observe(seconds);
  }

  onRefuse({ reason }: { reason: string }): void {
    this.refused.inc({ reason });
  }

  onLoadDocument({ seconds }: { seconds: number }): void {
    this.documentsLoaded.inc();
    this.documentLoadSeconds.observe(seconds);
  }

  onUnloadDocument(): void {
    this.documentsLoaded.dec();
  }
}
