/** How much of a large change the report prints before it says "… and N more" (a PR comment holds 65,536 chars). */
export interface ReportLimits {
  /** Longest attribute value shown, in characters. @default 80 */
  valueWidth: number;
  /** Added, removed or changed blocks listed per stack. @default 150 */
  blocksPerList: number;
  /** Changed attributes listed per block. @default 40 */
  changesPerBlock: number;
  /** Lines of unified diff shown per NGINX file. @default 400 */
  diffLinesPerFile: number;
}

export const DEFAULT_LIMITS: ReportLimits = {
  valueWidth: 80,
  blocksPerList: 150,
  changesPerBlock: 40,
  diffLinesPerFile: 400,
};
