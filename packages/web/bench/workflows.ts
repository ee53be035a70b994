/** A chain of `count` nodes (Manual Trigger, then Edit Fields nodes) laid out in rows of 20. */
export function chainWorkflow(count: number) {
  const nodes = Array.from({ length: count }, (_, i) => ({
    id: `n${i}`,
    name: i === 0 ? 'Start' : `Set ${i}`,
    type: i === 0 ? 'guixu.manualTrigger' : 'guixu.set',
    typeVersion: 1,
    position: [(i % 20) * 260, Math.floor(i / 20) * 160] as [number, number],
    parameters:
      i === 0
        ? {}
        : {
            includeOtherFields: true,
            assignments: { assignments: [{ id: 'a', name: `step${i}`, type: 'number', value: i }] },
          },
  }));
  const connections: Record<string, { main: { node: string; type: string; index: number }[][] }> = {};
  for (let i = 0; i < count - 1; i++) {
    connections[nodes[i]?.name ?? ''] = {
      main: [[{ node: nodes[i + 1]?.name ?? '', type: 'main', index: 0 }]],
    };
  }
  return { name: `Chain of ${count}`, nodes, connections };
}
