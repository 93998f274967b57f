/* ankommen — the offline pages' interpreter for expression trees.
   The server parses every expression (survey_app/questionnaire/expressions.py) and
   sends the tree as nested lists (expression_json.py); this file only walks trees,
   with the same value rules as the Python evaluator: XPath 1.0 as ODK uses it.
   tests/questionnaire/test_expressions_js.py runs both on the same cases. */
(function (root) {
  "use strict";

  // The characters Python's str.split()/str.strip() treat as whitespace.
  var SPACE = "\\t\\n\\x0b\\x0c\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  var SPACES = new RegExp("[" + SPACE + "]+");
  var TRIM = new RegExp("^[" + SPACE + "]+|[" + SPACE + "]+$", "g");
  var NUMBER = /^-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/;
  var DATE = /^\p{Nd}{4}-\p{Nd}{2}-\p{Nd}{2}$/u;

  function has(object, key) {
    return object !== null && typeof object === "object" &&
      Object.prototype.hasOwnProperty.call(object, key);
  }

  function strip(text) { return text.replace(TRIM, ""); }

  function words(text) {
    var stripped = strip(text);
    return stripped === "" ? [] : stripped.split(SPACES);
  }

  function storedToValue(answer) {
    if (answer === null || answer === undefined) return "";
    if (typeof answer === "boolean" || typeof answer === "number" || typeof answer === "string") {
      return answer;
    }
    if (Array.isArray(answer)) return answer.map(function (item) { return String(item); }).join(" ");
    return "";
  }

  function toNumber(value) {
    if (typeof value === "boolean") return value ? 1 : 0;
    if (typeof value === "number") return value;
    var text = strip(value);
    return NUMBER.test(text) ? parseFloat(text) : NaN;
  }

  function pythonRepr(number) {
    var abs = Math.abs(number);
    if (abs !== 0 && (abs < 1e-4 || abs >= 1e16)) {
      var parts = number.toExponential().split("e");
      var exponent = parseInt(parts[1], 10);
      var digits = String(Math.abs(exponent));
      return parts[0] + "e" + (exponent < 0 ? "-" : "+") + (digits.length < 2 ? "0" + digits : digits);
    }
    return String(number);
  }

  function toString(value) {
    if (typeof value === "boolean") return value ? "true" : "false";
    if (typeof value === "number") {
      if (isNaN(value)) return "NaN";
      if (!isFinite(value)) return value > 0 ? "Infinity" : "-Infinity";
      if (value === Math.trunc(value)) return BigInt(value).toString();
      return pythonRepr(value);
    }
    return value;
  }

  function toBoolean(value) {
    if (typeof value === "boolean") return value;
    if (typeof value === "number") return !isNaN(value) && value !== 0;
    return value !== "";
  }

  function compare(operator, left, right) {
    if (operator === "=" || operator === "!=") {
      var equal;
      if (typeof left === "boolean" || typeof right === "boolean") {
        equal = toBoolean(left) === toBoolean(right);
      } else if (typeof left === "number" || typeof right === "number") {
        var a = toNumber(left), b = toNumber(right);
        if (operator === "!=") return a !== b;
        equal = a === b;
      } else {
        equal = left === right;
      }
      return operator === "=" ? equal : !equal;
    }
    var x, y;
    if (typeof left === "string" && typeof right === "string" && DATE.test(left) && DATE.test(right)) {
      x = left; y = right;
    } else {
      x = toNumber(left); y = toNumber(right);
    }
    if (operator === "<") return x < y;
    if (operator === "<=") return x <= y;
    if (operator === ">") return x > y;
    return x >= y;
  }

  function negative(number) { return number < 0 || Object.is(number, -0); }

  function arithmetic(operator, left, right) {
    if (operator === "+") return left + right;
    if (operator === "-") return left - right;
    if (operator === "*") return left * right;
    if (operator === "div") {
      if (right === 0) {
        if (left === 0 || isNaN(left)) return NaN;
        return negative(left) ? -Infinity : Infinity;
      }
      return left / right;
    }
    if (right === 0 || !isFinite(left) && !isNaN(left) || isNaN(right)) return NaN;
    return left % right;
  }

  /* Evaluate ``tree`` against stored answers; ``current`` is ".", ``choice`` is
     {value, attributes} for choice_filter. */
  function evaluate(tree, answers, current, choice) {
    function value(node) {
      switch (node[0]) {
        case "lit": return node[1];
        case "ref": return storedToValue(has(answers, node[1]) ? answers[node[1]] : null);
        case "cur": return storedToValue(current);
        case "attr":
          if (!choice) return "";
          if (node[1] === "name") return choice.value;
          return has(choice.attributes, node[1]) ? String(choice.attributes[node[1]]) : "";
        case "neg": return -toNumber(value(node[1]));
        case "call": return call(node[1], node.slice(2).map(value));
        default: return binary(node[1], node[2], node[3]);
      }
    }
    function binary(operator, leftNode, rightNode) {
      if (operator === "or") return toBoolean(value(leftNode)) || toBoolean(value(rightNode));
      if (operator === "and") return toBoolean(value(leftNode)) && toBoolean(value(rightNode));
      var left = value(leftNode), right = value(rightNode);
      if (["=", "!=", "<", "<=", ">", ">="].indexOf(operator) >= 0) return compare(operator, left, right);
      return arithmetic(operator, toNumber(left), toNumber(right));
    }
    function call(name, args) {
      if (name === "not") return !toBoolean(args[0]);
      if (name === "selected") return words(toString(args[0])).indexOf(strip(toString(args[1]))) >= 0;
      if (name === "count-selected") return words(toString(args[0])).length;
      if (name === "string-length") return Array.from(toString(args[0])).length;
      return name === "true";
    }
    return value(tree);
  }

  function isTrue(tree, answers, current, choice) {
    return toBoolean(evaluate(tree, answers, current, choice));
  }

  /* For each page id and question id: is it shown?  As Questionnaire.relevance: in
     order, an answer to a question not shown counts as unanswered after it. */
  function relevance(description, answers) {
    var shown = {};
    var effective = {};
    description.pages.forEach(function (page) {
      var pageShown = page.relevant === null || isTrue(page.relevant, effective);
      shown[page.id] = pageShown;
      page.questions.forEach(function (id) {
        var question = description.questions[id];
        var visible = pageShown && (question.relevant === null || isTrue(question.relevant, effective));
        shown[id] = visible;
        if (visible && has(answers, id)) effective[id] = answers[id];
      });
    });
    return shown;
  }

  var api = {
    evaluate: evaluate, isTrue: isTrue, relevance: relevance, toString: toString,
    toNumber: toNumber, toBoolean: toBoolean, storedToValue: storedToValue
  };
  root.AnkommenExpressions = api;
  if (typeof module !== "undefined" && module.exports) module.exports = api;
}(typeof self !== "undefined" ? self : this));
