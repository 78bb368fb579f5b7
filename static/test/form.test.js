import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { announcement, deferred, json, messages, perTest, settled } from "../testing/page.js";

const fx = perTest(afterEach);

const TOKEN = '<input type="hidden" name="csrfmiddlewaretoken" value="FORMTOKEN">';

// What Django's own {{ form }} writes (Django 5.2, div.html), for a field with help text.
const DJANGO = `
  <form method="post" action="/tags/new/" data-orderkit="form">${TOKEN}
    <div><label for="id_name">Name:</label>
      <div class="helptext" id="id_name_helptext">Unique.</div>
      <input type="text" name="name" id="id_name" aria-describedby="id_name_helptext"></div>
    <div><fieldset><legend>Size:</legend><div id="id_size">
      <div><label for="id_size_0"><input type="radio" name="size" value="s" id="id_size_0">S</label></div>
      <div><label for="id_size_1"><input type="radio" name="size" value="l" id="id_size_1">L</label></div>
    </div></fieldset></div>
    <button type="submit" name="go" value="save">Save</button>
  </form>`;

// What crispy-forms' Bootstrap 5 pack writes: a container per field, an input group.
const CRISPY = `
  <form method="post" action="/ponies/1/edit/" data-orderkit="form"
        data-orderkit-invalid-class="is-invalid" data-orderkit-error-class="invalid-feedback d-block">${TOKEN}
    <div id="div_id_name" class="mb-3"><label for="id_name" class="form-label">Name</label>
      <div class="input-group"><span class="input-group-text">@</span>
        <input type="text" name="name" id="id_name" class="textinput form-control"></div>
      <div id="hint_id_name" class="form-text">Unique in its stable.</div></div>
    <div id="div_id_is_active" class="mb-3"><div class="form-check">
      <input type="checkbox" name="is_active" id="id_is_active" class="form-check-input">
      <label for="id_is_active" class="form-check-label">Active</label></div></div>
    <input type="submit" value="Save">
  </form>`;

// A form with a prefix, as {{ form }} writes it: names "pony-name", ids "id_pony-name".
const PREFIXED = `
  <form method="post" action="/p/" data-orderkit="form">${TOKEN}
    <div><label for="id_pony-name">Name:</label><input type="text" name="pony-name" id="id_pony-name"></div>
    <button>Save</button>
  </form>`;

const errors = (fields) => ({
  errors: Object.fromEntries(Object.entries(fields).map(([name, message]) => [name, [{ message, code: "invalid" }]])),
});

function submit(doc, selector = "form") {
  const form = doc.querySelector(selector);
  form.requestSubmit(form.querySelector("[type=submit], button"));
  return form;
}

test("a submit posts the form's fields by fetch, asking for JSON, with the CSRF token", async () => {
  const answer = deferred();
  const doc = await fx.setUp(() => answer.promise, DJANGO);
  doc.querySelector("#id_name").value = "Shy";
  doc.querySelector("#id_size_1").checked = true;
  const done = settled(doc);
  submit(doc);
  assert.equal(fx.calls.length, 1);
  const { url, init, body } = fx.calls[0];
  assert.equal(url, "http://testserver/tags/new/");
  assert.equal(init.method, "POST");
  assert.equal(init.headers.Accept, "application/json");
  assert.equal(init.headers["X-CSRFToken"], "FORMTOKEN");
  assert.equal("Content-Type" in init.headers, false, "the browser writes the multipart type");
  assert.deepEqual([...body.entries()], [
    ["csrfmiddlewaretoken", "FORMTOKEN"],
    ["name", "Shy"],
    ["size", "l"],
    ["go", "save"],
  ]);
  answer.resolve(json(201, { message: "“Shy” was added.", pk: "7", label: "Shy", redirect: null }));
  const event = await done;
  assert.equal(event.type, "orderkit:done");
  assert.equal(event.target, doc.querySelector("form"));
  assert.deepEqual(event.detail.data.pk, "7");
  assert.deepEqual(messages(doc), [{ level: "success", text: "“Shy” was added." }]);
});

test("the submit controls are disabled while in flight, and a second submit sends nothing", async () => {
  const answer = deferred();
  const doc = await fx.setUp(() => answer.promise, DJANGO);
  const button = doc.querySelector("button");
  submit(doc);
  assert.equal(button.disabled, true);
  assert.equal(doc.querySelector("form").getAttribute("aria-busy"), "true");
  const again = new doc.defaultView.Event("submit", { bubbles: true, cancelable: true });
  doc.querySelector("form").dispatchEvent(again);
  assert.equal(again.defaultPrevented, true);
  assert.equal(fx.calls.length, 1);
  const done = settled(doc);
  answer.resolve(json(200, { message: "Saved." }));
  await done;
  assert.equal(button.disabled, false);
  assert.equal(doc.querySelector("form").hasAttribute("aria-busy"), false);
});

test("Django's markup: each error right after its field, described, and the first focused", async () => {
  const doc = await fx.setUp(() => json(400, errors({ name: "<b>Taken</b>.", size: "Pick one." })), DJANGO);
  const done = settled(doc);
  submit(doc);
  assert.equal((await done).type, "orderkit:fail");
  const input = doc.querySelector("#id_name");
  const note = input.nextElementSibling;
  assert.equal(note.matches("[data-orderkit-error].orderkit-error"), true);
  assert.equal(note.textContent, "<b>Taken</b>.");
  assert.equal(note.children.length, 0);
  assert.equal(input.getAttribute("aria-invalid"), "true");
  assert.equal(input.getAttribute("aria-describedby"), `id_name_helptext ${note.id}`);
  assert.equal(doc.activeElement, input);
  const group = doc.querySelector("#id_size");
  assert.equal(group.nextElementSibling.textContent, "Pick one.");
  for (const radio of doc.querySelectorAll("[name=size]")) {
    assert.equal(radio.getAttribute("aria-invalid"), "true");
    assert.equal(radio.getAttribute("aria-describedby"), group.nextElementSibling.id);
  }
  assert.deepEqual(messages(doc), []);
  assert.equal(doc.querySelector("[data-orderkit-form-errors]"), null);
});

test("the next submit clears the previous errors first", async () => {
  const doc = await fx.setUp(() => json(400, errors({ name: "Taken.", __all__: "Not now." })), DJANGO);
  let done = settled(doc);
  submit(doc);
  await done;
  assert.equal(doc.querySelectorAll("[data-orderkit-error]").length, 2);
  fx.calls.restore();
  const answer = deferred();
  globalThis.fetch = () => answer.promise;
  submit(doc);
  assert.equal(doc.querySelectorAll("[data-orderkit-error]").length, 0);
  assert.equal(doc.querySelector("[data-orderkit-form-errors]"), null);
  const input = doc.querySelector("#id_name");
  assert.equal(input.hasAttribute("aria-invalid"), false);
  assert.equal(input.getAttribute("aria-describedby"), "id_name_helptext");
  done = settled(doc);
  answer.resolve(json(200, {}));
  await done;
});

test("crispy-forms' markup: the error goes in div_id_<field>, after the input group", async () => {
  const doc = await fx.setUp(() => json(400, errors({ name: "Taken.", is_active: "Must be on." })), CRISPY);
  const done = settled(doc);
  submit(doc);
  await done;
  const container = doc.querySelector("#div_id_name");
  const note = container.querySelector("[data-orderkit-error]");
  assert.equal(note.previousElementSibling, container.querySelector(".input-group"));
  assert.equal(note.className, "orderkit-error invalid-feedback d-block");
  const input = doc.querySelector("#id_name");
  assert.equal(input.className, "textinput form-control is-invalid");
  assert.equal(input.getAttribute("aria-describedby"), note.id);
  const check = doc.querySelector("#div_id_is_active [data-orderkit-error]");
  assert.equal(check.previousElementSibling, doc.querySelector(".form-check"));
});

test("crispy-forms' classes are taken off again, and only those that orderkit added", async () => {
  const doc = await fx.setUp(() => json(400, errors({ name: "Taken." })), CRISPY);
  const input = doc.querySelector("#id_name");
  const done = settled(doc);
  submit(doc);
  await done;
  input.classList.add("mine");
  fx.calls.restore();
  globalThis.fetch = () => deferred().promise;
  submit(doc);
  assert.equal(input.className, "textinput form-control mine");
  assert.equal(doc.querySelector("#div_id_name [data-orderkit-error]"), null);
});

test("a prefixed form: the error of 'name' finds 'pony-name', by itself or told the prefix", async () => {
  for (const prefix of [null, "pony"]) {
    const doc = await fx.setUp(() => json(400, errors({ name: "Taken." })), PREFIXED);
    if (prefix) doc.querySelector("form").setAttribute("data-orderkit-prefix", prefix);
    const done = settled(doc);
    submit(doc);
    await done;
    const input = doc.querySelector("#id_pony-name");
    assert.equal(input.getAttribute("aria-invalid"), "true");
    assert.equal(input.nextElementSibling.textContent, "Taken.");
    fx.calls.restore();
    fx.current.close();
  }
});

test("__all__ errors, and those of fields not shown, go to the form's own area, as text, announced", async () => {
  const doc = await fx.setUp(
    () => json(400, errors({ __all__: "<i>Not</i> now.", secret: "Odd." })),
    DJANGO,
  );
  const done = settled(doc);
  submit(doc);
  await done;
  const area = doc.querySelector("form > [data-orderkit-form-errors]:first-child");
  assert.deepEqual(
    Array.from(area.children, (p) => [p.textContent, p.children.length]),
    [["<i>Not</i> now.", 0], ["Odd.", 0]],
  );
  assert.equal(announcement(doc), "<i>Not</i> now. Odd.");
  assert.deepEqual(messages(doc), []);
});

test("a form's own error area is used, and kept when cleared", async () => {
  const html = DJANGO.replace(TOKEN, `${TOKEN}<ul class="errorlist nonfield" data-orderkit-form-errors><li>old</li></ul>`);
  const doc = await fx.setUp(() => json(403, errors({ __all__: "You are not allowed to do this." })), html);
  let done = settled(doc);
  submit(doc);
  await done;
  const area = doc.querySelector("[data-orderkit-form-errors]");
  assert.equal(area.lastElementChild.textContent, "You are not allowed to do this.");
  done = settled(doc);
  submit(doc);
  assert.equal(area.isConnected, true);
  assert.deepEqual(Array.from(area.children, (child) => child.textContent), ["old"]);
  await done;
});

test("a network failure, or an answer without details, is said in the area", async () => {
  const doc = await fx.setUp(() => {
    throw new TypeError("Failed to fetch");
  }, DJANGO);
  let done = settled(doc);
  submit(doc);
  assert.deepEqual((await done).detail, { status: 0, data: null });
  assert.equal(doc.querySelector("[data-orderkit-form-errors]").textContent, "The server could not be reached.");
  fx.calls.restore();
  globalThis.fetch = async () => new Response("<h1>Bad gateway</h1>", { status: 502 });
  done = settled(doc);
  submit(doc);
  await done;
  assert.equal(doc.querySelector("[data-orderkit-form-errors]").textContent, "The server answered 502 without details.");
});

test("a redirect in the answer is followed, unless a listener cancels the done event", async () => {
  const doc = await fx.setUp(() => json(200, { message: "Saved.", redirect: "/#saved" }), DJANGO);
  const window = doc.defaultView;
  let done = settled(doc);
  submit(doc);
  await done;
  assert.equal(window.location.href, "http://testserver/#saved");
  doc.addEventListener("orderkit:done", (event) => event.preventDefault(), { once: true });
  fx.calls.restore();
  globalThis.fetch = async () => json(200, { redirect: "#elsewhere" });
  done = settled(doc);
  submit(doc);
  await done;
  assert.equal(window.location.hash, "#saved");
});

test("a redirect that is not a web address is not followed", async () => {
  for (const redirect of ["javascript:alert(1)", "http://[::1"]) {
    const doc = await fx.setUp(() => json(200, { redirect }), DJANGO);
    const done = settled(doc);
    submit(doc);
    await done;
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.equal(doc.defaultView.location.href, "http://testserver/");
    fx.calls.restore();
    fx.current.close();
  }
});

test("a GET form, or a button's formmethod=get, submits natively", async () => {
  const doc = await fx.setUp(() => json(200, {}), `${DJANGO.replace('method="post"', 'method="get"')}`);
  const form = doc.querySelector("form");
  let event = new doc.defaultView.SubmitEvent("submit", { bubbles: true, cancelable: true });
  form.dispatchEvent(event);
  assert.equal(event.defaultPrevented, false);
  form.setAttribute("method", "post");
  const button = form.querySelector("button");
  button.setAttribute("formmethod", "get");
  event = new doc.defaultView.SubmitEvent("submit", { bubbles: true, cancelable: true, submitter: button });
  form.dispatchEvent(event);
  assert.equal(event.defaultPrevented, false);
  assert.equal(fx.calls.length, 0);
});

test("a button's formaction wins over the form's action; fields called action do not", async () => {
  const html = DJANGO.replace("<button", '<input name="action" value="x"><button formaction="/elsewhere/"');
  const doc = await fx.setUp(() => json(200, {}), html);
  const done = settled(doc);
  submit(doc);
  await done;
  assert.equal(fx.calls[0].url, "http://testserver/elsewhere/");
});

test("forms without data-orderkit=\"form\" are left alone", async () => {
  const doc = await fx.setUp(() => json(200, {}), DJANGO.replace(' data-orderkit="form"', ""));
  const event = new doc.defaultView.SubmitEvent("submit", { bubbles: true, cancelable: true });
  doc.querySelector("form").dispatchEvent(event);
  assert.equal(event.defaultPrevented, false);
  assert.equal(fx.calls.length, 0);
});
