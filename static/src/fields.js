// Where a field's errors go in a form, in Django's own markup and in crispy-forms': the
// controls that carry the field's name (prefixed for a form with a prefix), Django's
// id_<name>, and the container that crispy-forms draws around a field, div_id_<name>.

function inForm(form, id) {
  const element = form.ownerDocument.getElementById(id);
  return element && form.contains(element) ? element : null;
}

// A hidden input cannot show or describe an error.
function visible(element) {
  return element && element.type !== "hidden" ? element : null;
}

function controlsNamed(form, matches) {
  return Array.from(form.querySelectorAll("[name]")).filter(
    (element) => visible(element) && matches(element.getAttribute("name")),
  );
}

// The field's name in this form: with the form's data-orderkit-prefix; else the field's
// own; else the one name that ends with "-<field>" (Django's prefix, as {{ form }} writes it).
function nameIn(form, field) {
  const prefix = form.getAttribute("data-orderkit-prefix");
  if (prefix) return `${prefix}-${field}`;
  if (controlsNamed(form, (name) => name === field).length || inForm(form, `id_${field}`)) return field;
  const names = new Set(controlsNamed(form, (name) => name.endsWith(`-${field}`)).map((e) => e.getAttribute("name")));
  return names.size === 1 ? [...names][0] : field;
}

// {controls, anchor, container}, or null when the form does not show the field. The
// anchor is what the note follows: id_<name> (a whole group of radios), else the control.
export function findField(form, field) {
  if (!form || field === "__all__") return null;
  const name = nameIn(form, field);
  const controls = controlsNamed(form, (candidate) => candidate === name);
  const anchor = visible(inForm(form, `id_${name}`)) || controls[0];
  if (!anchor) return null;
  return { controls: controls.length ? controls : [anchor], anchor, container: inForm(form, `div_id_${name}`) };
}

// Right after the field; inside crispy-forms' container, after the part of it that holds
// the field (an input group, a checkbox with its label).
export function placeNote({ anchor, container }, note) {
  let part = anchor;
  while (container && part.parentElement && part.parentElement !== container) part = part.parentElement;
  if (container && part.parentElement !== container) container.append(note);
  else part.after(note);
}
