import { expect } from '@open-wc/testing';

/**
 * Every widget on a host page that enforces Trusted Types and a strict CSP (issue 19). The
 * page is test/fixtures/trusted-types.html in an iframe, served by web-test-runner.config.mjs
 * with the header below; it reports back its CSP violations, page errors and what it saw.
 */
export const HOST_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; require-trusted-types-for 'script'; trusted-types community-widgets lit-html";

interface Report {
  report: { qa?: any; reviews?: any; rating?: string; board?: string; experts?: number };
  violations: string[];
  errors: string[];
}

describe('a host page that enforces Trusted Types', () => {
  it('shows every widget, with structured data, and reports no violation and no error', async () => {
    const answered = new Promise<Report>((resolve) =>
      addEventListener('message', function listen(event: MessageEvent) {
        if (event.data?.kind !== 'trusted-types-report') return;
        removeEventListener('message', listen);
        resolve(event.data as Report);
      }),
    );
    const frame = document.createElement('iframe');
    frame.src = '/test/fixtures/trusted-types.html';
    // Tall enough that every widget is near the viewport: widgets load only then.
    frame.style.cssText = 'width: 1000px; height: 6000px';
    document.body.append(frame);
    try {
      const { report, violations, errors } = await answered;
      expect(violations).to.deep.equal([]);
      expect(errors).to.deep.equal([]);
      expect(report.qa['@type']).to.equal('QAPage');
      expect(report.qa.mainEntity.name).to.equal('Does it switch off by itself?');
      expect(report.reviews['@type']).to.equal('Product');
      expect(report.rating).to.match(/^\d\.\d$/);
      expect(report.board).to.be.a('string');
      expect(report.experts).to.be.greaterThan(0);
      // The page really enforced them: its own attempt at a raw script sink is refused.
      let refused = '';
      try {
        frame.contentDocument!.createElement('script').textContent = 'void 0';
      } catch (error) {
        refused = (error as Error).name;
      }
      expect(refused).to.equal('TypeError');
    } finally {
      frame.remove();
    }
  });
});
