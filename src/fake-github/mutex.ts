// Serialises every write to one repository (its in-memory state and its bare repo), so a
// multi-step write such as "check the head branch, then create the pull request" is atomic
// with respect to other HTTP writers, exactly as GitHub's own writes appear to clients.
export class Mutex {
  private tail: Promise<void> = Promise.resolve();

  run<T>(task: () => Promise<T> | T): Promise<T> {
    const result = this.tail.then(task);
    // A failed task must not poison the queue for the next writer.
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
