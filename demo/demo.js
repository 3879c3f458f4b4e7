// Demo page behaviour. Kept out of the HTML because the server's CSP forbids inline scripts.
// Where the inbox's notifications lead: this page has one product's questions and one board.
// Imported, not a static import, so the page's tests (which load the library from source
// instead of the CDN bundle) still run the rest of this file.
const library = await import('/cdn/community-widgets.js').catch(() => null);
library?.configure({
  linkTo: (notification) =>
    notification.board ? '#ideas' : notification.question ? '#questions' : null,
});

const PRODUCTS = [
  'Pour-over coffee maker',
  'Cast-iron skillet',
  'Chef knife',
  'Bamboo cutting board',
  'Stand mixer',
  'Espresso grinder',
  'Dutch oven',
  'Silicone spatula set',
  'Kitchen scale',
  'Milk frother',
  'Rice cooker',
  'Salad spinner',
  'Stock pot',
  'Wok',
  'Mandoline slicer',
];

const catalogue = document.getElementById('catalogue');
for (let n = 1; n <= 60; n += 1) {
  const subject = `sku-${String(n).padStart(3, '0')}`;
  const name = `${PRODUCTS[(n - 1) % PRODUCTS.length]}${n > PRODUCTS.length ? ` · edition ${Math.ceil(n / PRODUCTS.length)}` : ''}`;
  const item = document.createElement('li');
  item.className = 'product';
  const title = document.createElement('h3');
  title.textContent = name;
  const id = document.createElement('p');
  id.className = 'sku';
  id.textContent = subject;
  const rating = document.createElement('cw-rating');
  rating.setAttribute('subject', subject);
  rating.setAttribute('label', name);
  rating.setAttribute('size', 'small');
  item.append(title, id, rating);
  catalogue.append(item);
}

// The widgets speak the language of their <cw-community>; Arabic also lays them out right to
// left. The page's own copy stays English: only what the library renders is translated.
const LOCALE_KEY = 'cw-demo-locale';
const RIGHT_TO_LEFT = new Set(['ar']);
const localeSwitcher = document.getElementById('locale-switcher');
const communities = document.querySelectorAll('cw-community');
function speak(locale) {
  for (const community of communities) {
    community.setAttribute('locale', locale);
    community.setAttribute('lang', locale);
    community.setAttribute('dir', RIGHT_TO_LEFT.has(locale) ? 'rtl' : 'ltr');
  }
  localStorage.setItem(LOCALE_KEY, locale);
}
const savedLocale = localStorage.getItem(LOCALE_KEY);
if ([...localeSwitcher.options].some((option) => option.value === savedLocale)) {
  localeSwitcher.value = savedLocale;
}
speak(localeSwitcher.value);
localeSwitcher.addEventListener('change', () => speak(localeSwitcher.value));

const form = document.getElementById('feedback-form');
const result = document.getElementById('feedback-result');
form.addEventListener('submit', (event) => {
  event.preventDefault();
  const data = new FormData(form);
  result.textContent = `Submitted: service=${data.get('service')}, comment="${data.get('comment')}"`;
});
form.addEventListener('reset', () => (result.textContent = ''));

const log = document.getElementById('event-log');
for (const type of [
  'cw-rate',
  'cw-review-submit',
  'cw-helpful',
  'cw-question-submit',
  'cw-answer-submit',
  'cw-vote',
  'cw-answer-accept',
  'cw-idea-submit',
  'cw-idea-status',
  'cw-error',
]) {
  document.addEventListener(type, (event) => {
    const entry = document.createElement('li');
    entry.textContent = `${type} ${JSON.stringify(event.detail)}`;
    log.prepend(entry);
    while (log.children.length > 8) log.lastElementChild.remove();
  });
}
