// Keys of the key projects (重点项目): the map's list (hooks/useKeyProjects.ts) and the dashboard's
// summary. Both are the same for every role (routes/key-projects.ts), so no viewer; an import of key
// projects invalidates `all` (invalidate.ts).
export const keyProjectKeys = {
  all: ['key-projects'] as const,
  list: ['key-projects', 'list'] as const,
  summary: (districts: readonly string[], clusters: readonly string[]) => ['key-projects', 'summary', districts, clusters] as const,
};
