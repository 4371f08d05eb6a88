/** A one-line progress bar on a terminal; a line per 10 % elsewhere (CI logs stay short). */
export function progressBar(total: number, write: (s: string) => void, tty: boolean) {
  let lastDecile = -1;
  return (done: number, failed: number) => {
    const ratio = total === 0 ? 1 : done / total;
    if (tty) {
      const width = 30;
      const filled = Math.round(ratio * width);
      write(`\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} failed ${failed}`);
      if (done === total) write("\n");
      return;
    }
    const decile = Math.floor(ratio * 10);
    if (decile !== lastDecile) {
      lastDecile = decile;
      write(`warm: ${done}/${total} (${Math.round(ratio * 100)} %), failed ${failed}\n`);
    }
  };
}
