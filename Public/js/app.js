// LiftWatch page behaviour: the region picker, captcha refresh, confirmations, clearing forms and the
// phone menu. Plain JavaScript; every form still posts normally without it.
(function () {
  "use strict";

  function onClick(selector, handler) {
    document.addEventListener("click", function (event) {
      var el = event.target.closest(selector);
      if (el) handler(el, event);
    });
  }

  // 返回上一页 on the error page (no inline handlers: the Content-Security-Policy forbids them).
  onClick(".js-back", function () { history.back(); });

  // A new captcha image on click; the old one is used up anyway.
  onClick(".js-captcha", function (img) {
    img.src = img.dataset.src + "?t=" + Date.now();
    var input = document.getElementById(img.dataset.input || "captcha");
    if (input) { input.value = ""; input.focus(); }
  });

  // 重置: empties the form, also the values the server sent back with an error.
  onClick(".js-clear-form", function (button) {
    var form = button.closest("form") || document.querySelector("form.auth-form");
    if (!form) return;
    form.querySelectorAll("input, textarea, select").forEach(function (input) {
      if (input.type === "hidden" && input.name === "_csrf") return;
      if (input.tagName === "SELECT") input.selectedIndex = 0;
      else if (input.type === "checkbox" || input.type === "radio") input.checked = false;
      else if (input.type !== "submit" && input.type !== "button") input.value = "";
    });
    form.querySelectorAll(".error-text").forEach(function (e) { e.remove(); });
    form.querySelectorAll(".has-error").forEach(function (e) { e.classList.remove("has-error"); });
  });

  // 维保项目: marks every item not yet answered as 正常 (the first choice); answered ones stay as chosen.
  onClick(".js-all-normal", function (button) {
    var form = button.closest("form");
    form.querySelectorAll(".check-choices").forEach(function (group) {
      if (group.querySelector("input:checked")) return;
      var first = group.querySelector("input[type=radio]");
      if (first) first.checked = true;
    });
  });

  // Forms that change something important ask first.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) event.preventDefault();
  });

  // Lists with a selection column: 全选, row highlight, and toolbar buttons that act on the selection
  // (one row for 编辑/查看, any number for 审核上报/删除), with a clear message when it does not fit.
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.classList.contains("js-check-all")) {
      var table = el.closest("table");
      table.querySelectorAll(".row-check").forEach(function (box) { box.checked = el.checked; mark(box); });
    } else if (el.classList.contains("row-check")) {
      mark(el);
    }
  });
  function mark(box) { var tr = box.closest("tr"); if (tr) tr.classList.toggle("selected", box.checked); }

  onClick(".js-act", function (button) {
    var bar = button.closest("[data-grid]");
    var table = document.getElementById(bar.dataset.grid);
    var ids = Array.prototype.map.call(table.querySelectorAll(".row-check:checked"), function (b) { return b.value; });
    // 添加, 导入, 导出, 模板下载 need no selection.
    if (button.dataset.select === "none") { window.location.href = button.dataset.href; return; }
    if (ids.length === 0) { window.alert("请先选择一条记录"); return; }
    if (button.dataset.select === "one" && ids.length > 1) { window.alert("请只选择一条记录"); return; }
    if (button.dataset.confirm && !window.confirm(button.dataset.confirm)) return;
    if (button.dataset.href) {
      // "{ids}": every selected row (打印安全码); "{id}": the one row.
      var all = ids.map(function (id) { return "ids=" + encodeURIComponent(id); }).join("&");
      window.location.href = button.dataset.href.replace("{ids}", all).replace("{id}", encodeURIComponent(ids[0]));
      return;
    }
    var form = document.createElement("form");
    form.method = "post";
    form.action = button.dataset.post;
    function field(name, value) {
      var input = document.createElement("input");
      input.type = "hidden"; input.name = name; input.value = value; form.appendChild(input);
    }
    field("_csrf", table.dataset.csrf);
    ids.forEach(function (id) { field("ids[]", id); });
    document.body.appendChild(form);
    form.submit();
  });

  // A form acting on selected rows says so when none is selected.
  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    if (button && button.classList.contains("js-needs-selection") && !event.target.querySelector(".row-check:checked")) {
      event.preventDefault();
      event.stopImmediatePropagation();
      window.alert("请先选择要处理的记录");
    }
  }, true);

  onClick(".js-menu-toggle", function () {
    var sidebar = document.getElementById("sidebar");
    if (sidebar) sidebar.classList.toggle("open");
  });

  // Region picker: province → city → county, loaded level by level from the server.
  var picker = null;
  function setupPicker() {
    var modal = document.getElementById("region-picker");
    if (!modal) return null;
    var state = { modal: modal, url: modal.dataset.url, chosen: null, target: null, anyLevel: false, submit: false };
    var columns = modal.querySelectorAll(".picker-col");
    var path = modal.querySelector(".picker-path");
    var chooseButton = modal.querySelector(".js-picker-choose");

    function load(level, parent) {
      for (var i = level; i <= 3; i++) columns[i - 1].querySelector("ul").innerHTML = "";
      var url = state.url + (parent ? "?parent=" + encodeURIComponent(parent) : "");
      return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then(function (regions) {
          var list = columns[Math.min(level, 3) - 1].querySelector("ul");
          regions.forEach(function (region) {
            var li = document.createElement("li");
            var b = document.createElement("button");
            b.type = "button";
            b.textContent = region.name;
            b.dataset.code = region.code;
            b.dataset.fullName = region.fullName;
            b.dataset.hasChildren = region.hasChildren ? "1" : "";
            if (region.hasChildren) b.className = "has-children";
            b.addEventListener("click", function () { pick(Math.min(level, 3), b); });
            li.appendChild(b);
            list.appendChild(li);
          });
        })
        .catch(function () { path.textContent = "行政区划加载失败，请稍后重试"; });
    }

    function pick(level, button) {
      columns[level - 1].querySelectorAll("button.selected").forEach(function (b) { b.classList.remove("selected"); });
      button.classList.add("selected");
      state.chosen = { code: button.dataset.code, fullName: button.dataset.fullName, leaf: !button.dataset.hasChildren };
      path.textContent = button.dataset.fullName;
      chooseButton.disabled = !(state.chosen.leaf || state.anyLevel);
      if (button.dataset.hasChildren && level < 3) load(level + 1, button.dataset.code);
      else if (button.dataset.hasChildren) {
        // Deeper trees than three columns do not occur in GB/T 2260; keep the choice usable anyway.
        chooseButton.disabled = false;
      }
    }

    chooseButton.addEventListener("click", function () {
      if (!state.chosen) return;
      var hidden = document.getElementById(state.target);
      hidden.value = state.chosen.code;
      var display = document.getElementById(state.target + "-display");
      if (display) display.value = state.chosen.fullName;
      close();
      if (state.submit) hidden.form.submit();
    });
    modal.querySelectorAll(".js-modal-close").forEach(function (b) { b.addEventListener("click", close); });
    modal.addEventListener("click", function (e) { if (e.target === modal) close(); });
    document.addEventListener("keydown", function (e) { if (e.key === "Escape" && !modal.hidden) close(); });

    function close() { modal.hidden = true; }

    state.open = function (trigger) {
      state.target = trigger.dataset.target;
      state.anyLevel = trigger.dataset.anyLevel === "true";
      state.submit = trigger.dataset.submit === "true";
      state.chosen = null;
      path.textContent = state.anyLevel ? "可选择省、市或区县" : "请逐级选择到区县";
      chooseButton.disabled = true;
      modal.hidden = false;
      load(1, null);
    };
    return state;
  }

  onClick(".js-region-pick", function (trigger) {
    picker = picker || setupPicker();
    if (picker) picker.open(trigger);
  });
  onClick(".region-display", function (input) {
    var trigger = input.parentElement.querySelector(".js-region-pick");
    if (trigger) trigger.click();
  });

  // 签到 / 签退: the phone's position and clock go with the form. The position is asked for when the
  // worker presses the button (the browser asks for permission then); without it the form still goes,
  // and the visit shows that no position was given.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || !form.classList || !form.classList.contains("js-place") || form.dataset.placed === "1") return;
    event.preventDefault();
    var status = form.querySelector(".js-place-status");
    var button = form.querySelector("button[type=submit]");
    function set(name, value) { var input = form.querySelector("input[name=" + name + "]"); if (input) input.value = value; }
    function send(message) {
      if (status) status.textContent = message;
      set("device_time", String(Date.now()));
      form.dataset.placed = "1";
      form.submit();
    }
    if (button) button.disabled = true;
    if (!navigator.geolocation) { send("此浏览器不能提供位置，正在提交…"); return; }
    if (status) status.textContent = "正在获取手机位置…";
    navigator.geolocation.getCurrentPosition(function (position) {
      set("latitude", String(position.coords.latitude));
      set("longitude", String(position.coords.longitude));
      set("accuracy", String(position.coords.accuracy));
      send("已取得位置（精度约" + Math.round(position.coords.accuracy) + "米），正在提交…");
    }, function (error) {
      send("未能取得位置（" + (error.code === 1 ? "未允许使用位置" : "定位失败") + "），正在提交…");
    }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 0 });
  });

  // 现场照片: the camera's picture goes up as soon as it is taken, with the phone's clock beside it.
  document.addEventListener("change", function (event) {
    var input = event.target;
    var form = input.closest && input.closest("form.js-photo");
    if (!form || input.type !== "file" || !input.files || !input.files.length) return;
    var status = form.querySelector(".js-photo-status");
    form.querySelector("input[name=device_time]").value = String(Date.now());
    if (status) status.textContent = "正在上传…";
    form.querySelectorAll("label.photo-take").forEach(function (l) { l.classList.add("busy"); });
    form.submit();
  });

  // 使用单位确认: the confirmer signs with a finger (or the mouse) on the canvas; 确认 sends it as a PNG.
  document.querySelectorAll("canvas.signature-pad").forEach(function (pad) {
    var ctx = pad.getContext("2d");
    var drawing = false, drawn = false;
    ctx.lineWidth = 3; ctx.lineCap = "round"; ctx.lineJoin = "round"; ctx.strokeStyle = "#1f2933";
    function at(event) {
      var r = pad.getBoundingClientRect();
      return { x: (event.clientX - r.left) * pad.width / r.width, y: (event.clientY - r.top) * pad.height / r.height };
    }
    pad.addEventListener("pointerdown", function (event) {
      drawing = true; pad.setPointerCapture(event.pointerId);
      var p = at(event); ctx.beginPath(); ctx.moveTo(p.x, p.y);
    });
    pad.addEventListener("pointermove", function (event) {
      if (!drawing) return;
      var p = at(event); ctx.lineTo(p.x, p.y); ctx.stroke(); drawn = true;
    });
    ["pointerup", "pointercancel"].forEach(function (name) { pad.addEventListener(name, function () { drawing = false; }); });
    var form = pad.closest("form");
    form.querySelector(".js-signature-clear").addEventListener("click", function () {
      ctx.clearRect(0, 0, pad.width, pad.height); drawn = false;
    });
    form.addEventListener("submit", function () {
      form.querySelector("input[name=signature]").value = drawn ? pad.toDataURL("image/png") : "";
      form.querySelector("input[name=device_time]").value = String(Date.now());
    });
  });

  onClick(".js-print", function () { window.print(); });
})();
