/**
 * The Python side of a Code node run, loaded once per interpreter. `_guixu_run`
 * takes the job (JSON text in, JSON text out, the same result shape as the
 * JavaScript runtime's) and runs the user's code as the body of a function, so
 * `return` works at the top level as in n8n. The code sees, in a fresh
 * namespace per run: `_input` (all, first, last, item), `_json`, `_item`,
 * `_items`, `_itemIndex`, `_runIndex`, `_workflow`, `_execution`, `_('Node')`,
 * `_vars`, `_env`, `_prevNode`, and n8n's `_getWorkflowStaticData(type)`, `_now`,
 * `_today` and `_jmespath(data, search)`. JSON objects are dicts whose keys also read
 * as attributes (`item.json.name` and `item["json"]["name"]` both work).
 */
export const USER_CODE_FILENAME_PY = 'guixu-code.py';

export const PYTHON_RUNTIME = `
import ast as _ast
import datetime as _dt
import json as _json_module
import sys as _sys

_USER_FILE = ${JSON.stringify(USER_CODE_FILENAME_PY)}


class GuixuDict(dict):
    """A JSON object whose keys read as attributes too; a missing key reads as None."""

    __slots__ = ()

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return self.get(name)

    def __setattr__(self, name, value):
        self[name] = value

    def __delattr__(self, name):
        self.pop(name, None)


def _load(text):
    if text is None or text == "undefined":
        return None
    return _json_module.loads(text, object_hook=GuixuDict)


def _lookup(kind, name, member, args, item_index):
    from _guixu_host import lookup

    request = {"kind": kind, "name": name, "args": list(args), "itemIndex": item_index}
    if member is not None:
        request["member"] = member
    answer = _json_module.loads(lookup(_json_module.dumps(request)))
    if not answer.get("ok"):
        raise LookupError(answer.get("message") or "Lookup failed")
    return _load(answer.get("json"))


def _defined(*args):
    return [a for a in args if a is not None]


class _NodeAccess:
    """_('Node'): another node's output, answered by the workflow host."""

    def __init__(self, name, item_index):
        if not isinstance(name, str):
            raise TypeError("_() needs a node name, e.g. _('HTTP Request')")
        self._name = name
        self._index = item_index

    def _get(self, member, *args):
        return _lookup("node", self._name, member, args, self._index)

    def all(self, branch_index=None, run_index=None):
        return self._get("all", *_defined(branch_index, run_index))

    def first(self, branch_index=None, run_index=None):
        return self._get("first", *_defined(branch_index, run_index))

    def last(self, branch_index=None, run_index=None):
        return self._get("last", *_defined(branch_index, run_index))

    def itemMatching(self, item_index):
        return self._get("itemMatching", item_index)

    @property
    def item(self):
        answers = _lookup("nodeItems", self._name, None, [self._index, 1], self._index) or []
        if not answers:
            raise LookupError("No paired item for _('%s')" % self._name)
        answer = answers[0]
        if not answer.get("ok"):
            raise LookupError(answer.get("message") or "Lookup failed")
        return _load(answer.get("json"))

    @property
    def params(self):
        return self._get("params")

    @property
    def isExecuted(self):
        return self._get("isExecuted")


class _Input:
    def __init__(self, items, index, per_item):
        self._items = items
        self._index = index
        self._per_item = per_item

    def _whole(self, method):
        if self._per_item:
            raise RuntimeError(
                "Can't use _input.%s() here: it is only available in 'Run Once for All Items' mode" % method
            )

    def all(self):
        self._whole("all")
        return self._items

    def first(self):
        self._whole("first")
        return self._items[0] if self._items else None

    def last(self):
        self._whole("last")
        return self._items[-1] if self._items else None

    @property
    def item(self):
        return self._items[self._index] if self._items else None


class _Variables:
    """_vars / _env / _prevNode, looked up on first use."""

    def __init__(self, name, index):
        self._name = name
        self._index = index
        self._value = None
        self._loaded = False

    def _get(self):
        if not self._loaded:
            self._value = _lookup("variable", self._name, None, [], self._index) or GuixuDict()
            self._loaded = True
        return self._value

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return self._get().get(name)

    def __getitem__(self, name):
        return self._get().get(name)

    def get(self, name, default=None):
        return self._get().get(name, default)


class _Zone(_dt.tzinfo):
    """The workflow's time zone at the run's start (a fixed offset: Pyodide has no zone database)."""

    def __init__(self, name, minutes, utc):
        self._name = name
        self._offset = _dt.timedelta(minutes=minutes)
        self._utc = utc

    def utcoffset(self, when):
        return self._offset

    def dst(self, when):
        return _dt.timedelta(0)

    def tzname(self, when):
        return self._name


_DURATION_UNITS = {
    "weeks": "weeks", "week": "weeks", "days": "days", "day": "days", "hours": "hours", "hour": "hours",
    "minutes": "minutes", "minute": "minutes", "seconds": "seconds", "second": "seconds",
    "milliseconds": "milliseconds", "millisecond": "milliseconds",
}
_START_UNITS = ("year", "quarter", "month", "week", "day", "hour", "minute", "second")


class DateTime(_dt.datetime):
    """_now / _today: a datetime in the workflow's time zone that also answers to Luxon's common
    names (toISO, toMillis, toSeconds, toFormat-free helpers, plus/minus, startOf/endOf, zoneName,
    offset). It is a real datetime, so strftime, arithmetic and comparisons work as usual, and it
    is saved as its ISO text like a Luxon DateTime."""

    def toISO(self):
        text = self.isoformat(timespec="milliseconds")
        zone = self.tzinfo
        if isinstance(zone, _Zone) and zone._utc and text.endswith("+00:00"):
            text = text[:-6] + "Z"
        return text

    def toISODate(self):
        return self.date().isoformat()

    def toISOTime(self):
        return self.toISO().split("T", 1)[1]

    def toJSON(self):
        return self.toISO()

    def toString(self):
        return self.toISO()

    def __str__(self):
        return self.toISO()

    def __repr__(self):
        return "DateTime(%s)" % self.toISO()

    def toMillis(self):
        return round(self.timestamp() * 1000)

    def valueOf(self):
        return self.toMillis()

    def toSeconds(self):
        return self.toMillis() / 1000

    def toUnixInteger(self):
        return self.toMillis() // 1000

    @property
    def zoneName(self):
        return self.tzname()

    @property
    def offset(self):
        return int(self.utcoffset().total_seconds() // 60)

    @property
    def millisecond(self):
        return self.microsecond // 1000

    def _shift(self, duration, sign):
        if not isinstance(duration, dict):
            raise TypeError("plus()/minus() take a dict such as {'days': 1}")
        months = 0
        delta = _dt.timedelta(0)
        for key, amount in duration.items():
            if key in ("years", "year"):
                months += 12 * int(amount)
            elif key in ("quarters", "quarter"):
                months += 3 * int(amount)
            elif key in ("months", "month"):
                months += int(amount)
            elif key in _DURATION_UNITS:
                delta += _dt.timedelta(**{_DURATION_UNITS[key]: amount})
            else:
                raise ValueError("Unknown duration unit: %s" % key)
        moved = self
        if months:
            total = self.year * 12 + (self.month - 1) + sign * months
            year, month = divmod(total, 12)
            month += 1
            last = (_dt.date(year + (month == 12), month % 12 + 1, 1) - _dt.timedelta(days=1)).day
            moved = self.replace(year=year, month=month, day=min(self.day, last))
        return moved + delta if sign > 0 else moved - delta

    def plus(self, duration):
        return self._shift(duration, 1)

    def minus(self, duration):
        return self._shift(duration, -1)

    def startOf(self, unit):
        if unit not in _START_UNITS:
            raise ValueError("Unknown unit for startOf/endOf: %s" % unit)
        at = self.replace(microsecond=0)
        if unit == "second":
            return at
        at = at.replace(second=0)
        if unit == "minute":
            return at
        at = at.replace(minute=0)
        if unit == "hour":
            return at
        at = at.replace(hour=0)
        if unit == "day":
            return at
        if unit == "week":
            return at - _dt.timedelta(days=at.weekday())
        if unit == "quarter":
            return at.replace(day=1, month=(at.month - 1) // 3 * 3 + 1)
        at = at.replace(day=1)
        return at if unit == "month" else at.replace(month=1)

    def endOf(self, unit):
        size = {"year": {"years": 1}, "quarter": {"quarters": 1}, "month": {"months": 1}, "week": {"weeks": 1},
                "day": {"days": 1}, "hour": {"hours": 1}, "minute": {"minutes": 1}, "second": {"seconds": 1}}
        if unit not in size:
            raise ValueError("Unknown unit for startOf/endOf: %s" % unit)
        return self.startOf(unit).plus(size[unit]) - _dt.timedelta(milliseconds=1)


def _clock(now):
    """_now and _today for a run, from the host's reading of the clock and the zone."""
    if not now:
        return None, None
    zone = _Zone(now.get("zone") or "UTC", now.get("offsetMinutes") or 0, bool(now.get("utc")))
    at = _dt.datetime.fromtimestamp(now["millis"] / 1000, zone)
    current = DateTime(at.year, at.month, at.day, at.hour, at.minute, at.second,
                       at.microsecond // 1000 * 1000, tzinfo=zone)
    return current, current.startOf("day")


def _jmespath(data, expression):
    """n8n's _jmespath(object, search): JMESPath with the same jmespath library as $jmespath."""
    from _guixu_jmespath import search

    if not isinstance(expression, str):
        raise TypeError("_jmespath() needs a JMESPath expression as text, e.g. _jmespath(data, 'a.b')")
    return _load(search(_json_module.dumps(data, default=_fallback), expression))


def _static_data(constants):
    def get(type=None):
        data = constants.get("staticData")
        if data is None:
            raise RuntimeError("_getWorkflowStaticData is not available here")
        if type not in ("global", "node"):
            raise ValueError('_getWorkflowStaticData: the type must be "global" or "node", got %r' % (type,))
        return data[type]

    return get


def _compile_user(code):
    """The code becomes the body of a function, so a top-level return works (its lines keep their numbers)."""
    tree = _ast.parse(code, filename=_USER_FILE, mode="exec")
    args = ["_input", "_json", "_item", "_items", "_itemIndex", "_runIndex", "_workflow", "_execution",
            "_", "_vars", "_env", "_prevNode", "_node", "_getWorkflowStaticData", "_now", "_today", "_jmespath"]
    body = tree.body or [_ast.Pass()]
    func = _ast.FunctionDef(
        name="_guixu_user_code",
        args=_ast.arguments(posonlyargs=[], args=[_ast.arg(arg=a) for a in args], kwonlyargs=[],
                            kw_defaults=[], defaults=[]),
        body=body,
        decorator_list=[],
        returns=None,
        type_params=[],
    )
    module = _ast.Module(body=[func], type_ignores=[])
    _ast.fix_missing_locations(module)
    return compile(module, _USER_FILE, "exec")


_compiled = {}


def _user_function(code):
    compiled = _compiled.get(code)
    if compiled is None:
        compiled = _compile_user(code)
        if len(_compiled) >= 50:
            _compiled.pop(next(iter(_compiled)))
        _compiled[code] = compiled
    namespace = {"__name__": "__guixu_code__", "__builtins__": __builtins__}
    exec(compiled, namespace)
    return namespace["_guixu_user_code"]


def _user_line(tb):
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == _USER_FILE:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _error_of(error):
    out = {"message": str(error) or type(error).__name__, "name": type(error).__name__}
    line = _user_line(error.__traceback__)
    if line is not None:
        out["line"] = line
    return out


def _to_json_value(value):
    """What user code returned, as JSON-ready data (tuples become lists, other objects their text)."""
    try:
        return _json_module.loads(_json_module.dumps(value, default=_fallback))
    except ValueError as error:
        raise ValueError("The returned data cannot be saved as JSON: %s" % error) from None


def _fallback(value):
    if isinstance(value, DateTime):
        return value.toISO()
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if hasattr(value, "to_py"):
        return value.to_py()
    return str(value)


def _with_static(result, constants):
    """The static data the code may have changed goes back with the result (as in JavaScript)."""
    if constants.get("staticData") is not None:
        result["staticData"] = _to_json_value(constants["staticData"])
    return result


class _MemoryLimit(Exception):
    pass


def _guixu_run(code, items_json, constants_json, mode, continue_on_fail):
    items = _load(items_json)
    constants = _load(constants_json)
    per_item = mode == "runOnceForEachItem"
    static_data = _static_data(constants)
    now, today = _clock(constants.get("now"))
    try:
        function = _user_function(code)
    except SyntaxError as error:
        failure = {"syntax": {"message": "%s: %s" % (type(error).__name__, error.msg)}}
        if error.lineno is not None:
            failure["syntax"]["line"] = error.lineno
        return _json_module.dumps(failure)

    def call(index):
        item = items[index] if items else GuixuDict(json=GuixuDict())
        return function(
            _Input(items, index, per_item),
            item.get("json") if per_item else (items[0].get("json") if items else None),
            item if per_item else None,
            None if per_item else items,
            index,
            constants.get("runIndex", 0),
            constants.get("workflow"),
            constants.get("execution"),
            lambda name: _NodeAccess(name, index),
            _Variables("$vars", index),
            _Variables("$env", index),
            _Variables("$prevNode", index),
            constants.get("nodeName"),
            static_data,
            now,
            today,
            _jmespath,
        )

    try:
        if not per_item:
            try:
                value = _to_json_value(call(0))
            except MemoryError:
                raise
            except Exception as error:
                return _json_module.dumps({"mode": "all", "error": _error_of(error)})
            return _json_module.dumps(_with_static({"mode": "all", "value": value, "pairs": None}, constants))
        results = []
        for index in range(len(items)):
            try:
                value = call(index)
                results.append({} if value is None else {"value": _to_json_value(value)})
            except MemoryError:
                raise
            except Exception as error:
                results.append({"error": _error_of(error)})
                if not continue_on_fail:
                    break
        return _json_module.dumps(_with_static({"mode": "each", "results": results}, constants))
    except MemoryError:
        return _json_module.dumps({"memory": True})
    finally:
        _sys.stdout.flush()
        _sys.stderr.flush()
`;
