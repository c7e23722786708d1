/**
 * Batches of different partitions are read and decided at once, so one batch's deciding overlaps
 * another's write; but they are linked and recorded one at a time. A repeat must find its first
 * record already written, whichever partition that came in on, and numbers are taken in turn.
 * A batch decided while another batch's write changed the registry is decided again in its turn.
 */
export class RecordingTurns {
  private last: Promise<void> = Promise.resolve();
  private registryWrites = 0;

  /** Changes each time a recorded batch updated the registry. */
  get registryVersion(): number {
    return this.registryWrites;
  }

  registryChanged(): void {
    this.registryWrites += 1;
  }

  /** Runs `work` once every turn taken before it has ended. */
  async take<T>(work: () => Promise<T>): Promise<T> {
    const before = this.last;
    let end: () => void = () => undefined;
    this.last = new Promise((resolve) => { end = resolve; });
    try {
      await before;
      return await work();
    } finally {
      end();
    }
  }
}
