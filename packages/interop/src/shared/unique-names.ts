/** Hands out node names that are unique in one workflow ("Set", "Set 1", "Set 2"…, like n8n). */
export class UniqueNames {
  private readonly taken = new Set<string>();

  claim(wanted: string): string {
    const base = wanted.trim() || 'Node';
    if (!this.taken.has(base)) {
      this.taken.add(base);
      return base;
    }
    for (let i = 1; ; i++) {
      const candidate = `${base} ${i}`;
      if (!this.taken.has(candidate)) {
        this.taken.add(candidate);
        return candidate;
      }
    }
  }
}
