export interface DifyMapping {
  difyTypes: readonly string[];
}
