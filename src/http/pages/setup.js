// First-run page: creates the first admin with the one-time token from the link.
const form = document.getElementById('setup');
const message = document.getElementById('message');
const token = new URLSearchParams(location.search).get('token') || '';
const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
if (zone) form.elements.timeZone.value = zone;
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  message.textContent = '';
  const data = Object.fromEntries([...new FormData(form).entries()].filter(([, value]) => value !== ''));
  const res = await fetch('/api/v1/setup', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...data, token }),
  });
  const body = await res.json();
  if (res.ok) {
    form.hidden = true;
    message.textContent = `Done: ${body.email} is the admin. Create an API token with "pledge token create --email ${body.email} --name cli" or sign in through the API.`;
  } else {
    message.textContent = body.errors ? body.errors.map((e) => `${e.path}: ${e.message}`).join('; ') : body.detail;
  }
});
