// Copy button for the token shown once on /account/settings/applications.
// A static file (allowed by script-src 'self'), so the page needs no inline script.
document.addEventListener('DOMContentLoaded', function () {
  var button = document.getElementById('copy-token');
  if (!button) {
    return;
  }
  button.addEventListener('click', function () {
    var field = document.getElementById(button.getAttribute('data-copy-from'));
    var status = document.getElementById('copy-status');
    var done = function () { status.textContent = 'Copied.'; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, function () {
        field.select();
        status.textContent = 'Select the token and copy it.';
      });
    } else {
      field.select();
      status.textContent = document.execCommand('copy') ? 'Copied.' : 'Select the token and copy it.';
    }
  });
});
