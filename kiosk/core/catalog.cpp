// Reads gettext catalogs with libgettextpo and evaluates their plural rules.
//
// libgettextpo's defaults print and may exit on errors; here every call installs our own
// po_xerror_handler, which only records. Its documentation says a handler must not return
// from a PO_SEVERITY_FATAL_ERROR; gettext 0.21's po_file_read reports only read failures
// as fatal and carries on safely when the handler returns, and we read and check the bytes
// ourselves first (readable regular file, size, NUL bytes, UTF-8), so those never reach it.
#include "catalog.h"
#include "whitespace.h"

#include <gettext-po.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#define KIOSK_HAVE_LSAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#include <sanitizer/lsan_interface.h>
#define KIOSK_HAVE_LSAN 1
#endif
#endif

namespace kiosk::i18n {

namespace fs = std::filesystem;

std::string CatalogProblem::to_string() const {
  std::string text = file;
  if (line > 0) {
    text += ":" + std::to_string(line);
    if (column > 0) text += ":" + std::to_string(column);
  }
  return text.empty() ? message : text + ": " + message;
}

std::string CatalogLoad::problems_text() const {
  std::string text;
  for (const auto& problem : problems) text += problem.to_string() + "\n";
  return text;
}

// ======================= plural expressions =======================

namespace {

constexpr int kMaxPlurals = 10;
constexpr std::size_t kMaxExpressionLength = 2000;
constexpr int kMaxExpressionHeight = 100;
constexpr unsigned long kCheckUpTo = 1000;

using Node = PluralForms::Node;

struct Token {
  char kind;               // 'n', '#', '(', ')', '?', ':', '!', an operator, or 'E' (end)
  unsigned long value = 0;
  std::size_t column = 0;  // 1-based, in the expression
};

std::string describe_token(const Token& token, std::string_view text) {
  if (token.kind == 'E') return "the end";
  std::size_t length = 1;
  if (token.kind == '#') {
    while (token.column - 1 + length < text.size() &&
           std::isdigit(static_cast<unsigned char>(text[token.column - 1 + length])))
      ++length;
  } else if (std::strchr("LG=~&|", token.kind)) {
    length = 2;
  }
  return "\"" + std::string(text.substr(token.column - 1, length)) + "\" (character " +
         std::to_string(token.column) + ")";
}

bool tokenize(std::string_view text, std::vector<Token>& tokens, std::string& error) {
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    const std::size_t column = i + 1;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') { ++i; continue; }
    if (c >= '0' && c <= '9') {
      unsigned long value = 0;
      while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
        const unsigned long digit = static_cast<unsigned long>(text[i] - '0');
        if (value > (ULONG_MAX - digit) / 10) {
          error = "the number at character " + std::to_string(column) + " is too large";
          return false;
        }
        value = value * 10 + digit;
        ++i;
      }
      tokens.push_back({'#', value, column});
      continue;
    }
    const char next = i + 1 < text.size() ? text[i + 1] : '\0';
    auto two = [&](char kind) { tokens.push_back({kind, 0, column}); i += 2; };
    auto one = [&](char kind) { tokens.push_back({kind, 0, column}); i += 1; };
    switch (c) {
      case 'n':
        if (i + 1 < text.size() && (std::isalnum(static_cast<unsigned char>(next)) || next == '_')) break;
        one('n');
        continue;
      case '(': case ')': case '?': case ':': case '+': case '-': case '*': case '/': case '%':
        one(c);
        continue;
      case '<': if (next == '=') two('L'); else one('<'); continue;
      case '>': if (next == '=') two('G'); else one('>'); continue;
      case '=': if (next == '=') { two('='); continue; } break;
      case '!': if (next == '=') two('~'); else one('!'); continue;
      case '&': if (next == '&') { two('&'); continue; } break;
      case '|': if (next == '|') { two('|'); continue; } break;
      default: break;
    }
    // Anything else: a name other than n, a lone = & |, a bit operator, a comma...
    std::size_t end = i + 1;
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_')
      while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_')) ++end;
    error = "\"" + std::string(text.substr(i, end - i)) + "\" at character " + std::to_string(column) +
            " is not allowed: only n, whole numbers, ( ), ?:, ||, &&, ==, !=, <, >, <=, >=, "
            "+, -, *, /, % and ! may be used";
    return false;
  }
  tokens.push_back({'E', 0, text.size() + 1});
  return true;
}

class ExpressionParser {
 public:
  ExpressionParser(std::string_view text, std::vector<Node>& nodes) : text_(text), nodes_(nodes) {}

  int parse(std::string& error) {
    if (!tokenize(text_, tokens_, error)) return -1;
    int root = ternary();
    if (root >= 0 && peek().kind != 'E') fail("unexpected " + describe_token(peek(), text_));
    if (!error_.empty()) {
      error = error_;
      return -1;
    }
    return root;
  }

 private:
  const Token& peek() const { return tokens_[at_]; }
  const Token& take() { return tokens_[at_ < tokens_.size() - 1 ? at_++ : at_]; }

  int fail(const std::string& message) {
    if (error_.empty()) error_ = message;
    return -1;
  }

  int add(Node node) {
    int height = 1;
    for (int child : {node.a, node.b, node.c})
      if (child >= 0) height = std::max(height, heights_[static_cast<std::size_t>(child)] + 1);
    if (height > kMaxExpressionHeight) return fail("the expression is nested too deeply");
    nodes_.push_back(node);
    heights_.push_back(height);
    return static_cast<int>(nodes_.size()) - 1;
  }

  // a ? b : c, right-associative, lowest precedence.
  int ternary() {
    if (++depth_ > kMaxExpressionHeight) return fail("the expression is nested too deeply");
    int condition = binary(0);
    if (condition >= 0 && peek().kind == '?') {
      take();
      int then_value = ternary();
      if (then_value < 0) return -1;
      if (peek().kind != ':')
        return fail("expected \":\" of \"?:\" but found " + describe_token(peek(), text_));
      take();
      int else_value = ternary();
      if (else_value < 0) return -1;
      condition = add({'?', 0, condition, then_value, else_value});
    }
    --depth_;
    return condition;
  }

  static int level_of(char kind) {
    switch (kind) {
      case '|': return 0;
      case '&': return 1;
      case '=': case '~': return 2;
      case '<': case '>': case 'L': case 'G': return 3;
      case '+': case '-': return 4;
      case '*': case '/': case '%': return 5;
      default: return -1;
    }
  }

  // Left-associative binary operators, from || (level 0) to * / % (level 5).
  int binary(int level) {
    if (level > 5) return unary();
    int left = binary(level + 1);
    while (left >= 0 && level_of(peek().kind) == level) {
      const char op = take().kind;
      int right = binary(level + 1);
      if (right < 0) return -1;
      left = add({op, 0, left, right, -1});
    }
    return left;
  }

  int unary() {
    if (peek().kind == '!') {
      take();
      if (++depth_ > kMaxExpressionHeight) return fail("the expression is nested too deeply");
      int operand = unary();
      --depth_;
      if (operand < 0) return -1;
      return add({'!', 0, operand, -1, -1});
    }
    return primary();
  }

  int primary() {
    const Token token = take();
    switch (token.kind) {
      case 'n': return add({'n', 0, -1, -1, -1});
      case '#': return add({'#', token.value, -1, -1, -1});
      case '(': {
        int inner = ternary();
        if (inner < 0) return -1;
        if (peek().kind != ')') return fail("expected \")\" but found " + describe_token(peek(), text_));
        take();
        return inner;
      }
      case 'E': return fail("the expression ends too early");
      default: return fail("unexpected " + describe_token(token, text_));
    }
  }

  std::string_view text_;
  std::vector<Node>& nodes_;
  std::vector<int> heights_;
  std::vector<Token> tokens_;
  std::size_t at_ = 0;
  int depth_ = 0;
  std::string error_;
};

unsigned long eval_node(const std::vector<Node>& nodes, int at, unsigned long n) {
  const Node& node = nodes[static_cast<std::size_t>(at)];
  auto value = [&](int child) { return eval_node(nodes, child, n); };
  switch (node.op) {
    case 'n': return n;
    case '#': return node.value;
    case '!': return value(node.a) == 0;
    case '?': return value(node.a) != 0 ? value(node.b) : value(node.c);
    case '|': return value(node.a) != 0 || value(node.b) != 0;
    case '&': return value(node.a) != 0 && value(node.b) != 0;
    default: break;
  }
  const unsigned long x = value(node.a);
  const unsigned long y = value(node.b);
  switch (node.op) {
    case '+': return x + y;
    case '-': return x - y;
    case '*': return x * y;
    case '/': return y == 0 ? 0 : x / y;
    case '%': return y == 0 ? 0 : x % y;
    case '<': return x < y;
    case '>': return x > y;
    case 'L': return x <= y;
    case 'G': return x >= y;
    case '=': return x == y;
    case '~': return x != y;
    default: return 0;
  }
}

}  // namespace

PluralForms::PluralForms() {
  std::string error;
  ExpressionParser parser(expression_, nodes_);
  root_ = parser.parse(error);
}

std::optional<PluralForms> PluralForms::parse(std::string_view value, std::string& error) {
  std::optional<unsigned long> nplurals;
  std::optional<std::string> expression;
  std::size_t start = 0;
  while (start <= value.size()) {
    std::size_t end = value.find(';', start);
    if (end == value.npos) end = value.size();
    const std::string part = trim_whitespace(value.substr(start, end - start));
    start = end + 1;
    if (part.empty()) continue;
    const auto equals = part.find('=');
    const std::string key = trim_whitespace(std::string_view(part).substr(0, equals));
    const std::string rest = equals == part.npos ? "" : trim_whitespace(std::string_view(part).substr(equals + 1));
    if (equals == part.npos || (key != "nplurals" && key != "plural")) {
      error = "Plural-Forms: \"" + part + "\" is not understood; expected \"nplurals=N; plural=EXPRESSION;\"";
      return std::nullopt;
    }
    if (key == "nplurals") {
      if (nplurals) { error = "Plural-Forms: nplurals is given twice"; return std::nullopt; }
      if (rest.empty() || rest.size() > 3 || !std::all_of(rest.begin(), rest.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        error = "Plural-Forms: nplurals=" + rest + " is not a whole number";
        return std::nullopt;
      }
      nplurals = std::stoul(rest);
    } else {
      if (expression) { error = "Plural-Forms: plural is given twice"; return std::nullopt; }
      expression = rest;
    }
  }
  if (!nplurals) { error = "Plural-Forms: nplurals=N is missing"; return std::nullopt; }
  if (!expression) { error = "Plural-Forms: plural=EXPRESSION is missing"; return std::nullopt; }
  if (*nplurals < 1 || *nplurals > kMaxPlurals) {
    error = "Plural-Forms: nplurals=" + std::to_string(*nplurals) + " must be from 1 to " + std::to_string(kMaxPlurals);
    return std::nullopt;
  }
  if (expression->empty()) { error = "Plural-Forms: the plural expression is empty"; return std::nullopt; }
  if (expression->size() > kMaxExpressionLength) { error = "Plural-Forms: the plural expression is too long"; return std::nullopt; }

  PluralForms forms;
  forms.nodes_.clear();
  forms.nplurals_ = static_cast<int>(*nplurals);
  forms.expression_ = *expression;
  std::string parse_error;
  ExpressionParser parser(forms.expression_, forms.nodes_);
  forms.root_ = parser.parse(parse_error);
  if (forms.root_ < 0) {
    error = "Plural-Forms: plural=" + forms.expression_ + ": " + parse_error;
    return std::nullopt;
  }
  auto check = [&](unsigned long n) {
    const unsigned long index = forms.evaluate(n);
    if (index < *nplurals) return true;
    error = "Plural-Forms: plural=" + forms.expression_ + " gives " + std::to_string(index) + " for n=" +
            std::to_string(n) + ", but nplurals=" + std::to_string(*nplurals) + " (forms are numbered 0 to " +
            std::to_string(*nplurals - 1) + ")";
    return false;
  };
  for (unsigned long n = 0; n <= kCheckUpTo; ++n)
    if (!check(n)) return std::nullopt;
  for (unsigned long n : {10000ul, 100000ul, 1000000ul, 1000001ul, 1000002ul, 1000011ul})
    if (!check(n)) return std::nullopt;
  return forms;
}

unsigned long PluralForms::evaluate(unsigned long n) const {
  return root_ < 0 ? (n != 1) : eval_node(nodes_, root_, n);
}

int PluralForms::index(unsigned long n) const {
  const unsigned long value = evaluate(n);
  return value < static_cast<unsigned long>(nplurals_) ? static_cast<int>(value) : 0;
}

// ======================= language codes =======================

std::string normalize_language_code(std::string_view code) {
  code = code.substr(0, std::min(code.find('@'), code.find('.')));
  std::string out;
  std::size_t index = 0;
  std::size_t start = 0;
  while (start <= code.size()) {
    std::size_t end = code.find_first_of("-_", start);
    if (end == code.npos) end = code.size();
    std::string part(code.substr(start, end - start));
    start = end + 1;
    if (part.empty()) continue;
    for (char& c : part) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (index > 0) {
      if (part.size() == 4 && std::isalpha(static_cast<unsigned char>(part[0])))
        part[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(part[0])));  // script: Hans
      else if (part.size() == 2)
        for (char& c : part) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));  // region: BR
      out += '-';
    }
    out += part;
    ++index;
  }
  return out;
}

// ======================= catalogs =======================

namespace {

std::string make_key(const std::optional<std::string>& context, std::string_view msgid) {
  std::string key;
  if (context) {
    key = *context;
    key += '\x04';
  }
  key += msgid;
  return key;
}

constexpr std::size_t kMaxCatalogBytes = 16 * 1024 * 1024;
constexpr std::size_t kMaxReportedProblems = 50;

// Length of the valid UTF-8 sequence at `at`, or 0 if it is not valid.
std::size_t utf8_sequence_length(std::string_view bytes, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
  const unsigned char lead = byte(at);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned long cp = 0;
  if (lead >= 0xC2 && lead <= 0xDF) { length = 2; cp = lead & 0x1F; }
  else if (lead >= 0xE0 && lead <= 0xEF) { length = 3; cp = lead & 0x0F; }
  else if (lead >= 0xF0 && lead <= 0xF4) { length = 4; cp = lead & 0x07; }
  else return 0;
  if (at + length > bytes.size()) return 0;
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(at + i) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(at + i) & 0x3F);
  }
  if ((length == 3 && cp < 0x800) || (length == 4 && (cp < 0x10000 || cp > 0x10FFFF))) return 0;
  if (cp >= 0xD800 && cp <= 0xDFFF) return 0;
  return length;
}

// Checks what libgettextpo should never see: NUL bytes (they cut strings short silently),
// invalid UTF-8, a byte-order mark (a syntax error to gettext).
void check_bytes(std::string_view bytes, const std::string& name, std::vector<CatalogProblem>& problems) {
  if (bytes.size() > kMaxCatalogBytes) {
    problems.push_back({name, 0, 0, "is larger than " + std::to_string(kMaxCatalogBytes / (1024 * 1024)) +
                                        " MB; this is not a translation catalog"});
    return;
  }
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    problems.push_back({name, 1, 1, "starts with a byte-order mark (BOM); save it as UTF-8 without a BOM"});
    return;
  }
  std::size_t line = 1;
  std::size_t column = 1;
  std::size_t reported = 0;
  std::size_t last_line = 0;
  for (std::size_t i = 0; i < bytes.size();) {
    const char c = bytes[i];
    std::size_t length = 1;
    if (c == '\0') {
      if (line != last_line && reported++ < 10)
        problems.push_back({name, line, column, "contains a NUL byte: is this a binary file (a .mo)?"});
      last_line = line;
    } else if ((length = utf8_sequence_length(bytes, i)) == 0) {
      if (line != last_line && reported++ < 10)
        problems.push_back({name, line, column, "is not valid UTF-8 (byte 0x" +
                                                    [&] { char hex[3]; std::snprintf(hex, sizeof hex, "%02X", static_cast<unsigned char>(c)); return std::string(hex); }() +
                                                    "); save the file as UTF-8"});
      last_line = line;
      length = 1;
    }
    if (c == '\n') { ++line; column = 1; }
    else ++column;
    i += length;
  }
  if (reported > 10) problems.push_back({name, 0, 0, "... and " + std::to_string(reported - 10) + " more lines with bad bytes"});
}

// Lines of the "msgid" keywords of live (not obsolete) messages, in file order: libgettextpo
// does not tell where a message is, and our own checks want to say so.
std::vector<std::size_t> msgid_lines(std::string_view bytes) {
  std::vector<std::size_t> lines;
  std::size_t line = 1;
  std::size_t start = 0;
  while (start < bytes.size()) {
    std::size_t end = bytes.find('\n', start);
    if (end == bytes.npos) end = bytes.size();
    std::string_view text = bytes.substr(start, end - start);
    const auto first = text.find_first_not_of(" \t");
    if (first != text.npos) {
      text.remove_prefix(first);
      if (text.substr(0, 5) == "msgid" && text.size() > 5 && (text[5] == ' ' || text[5] == '\t' || text[5] == '"'))
        lines.push_back(line);
    }
    ++line;
    start = end + 1;
  }
  return lines;
}

// libgettextpo's error callbacks carry no user pointer: the collector of the read in progress.
struct ErrorCollector {
  std::string real_file;     // the path libgettextpo opened
  std::string shown_file;    // the name to show
  std::vector<CatalogProblem> errors;
  std::vector<CatalogProblem> warnings;
  std::size_t dropped = 0;

  CatalogProblem make(const char* filename, std::size_t lineno, std::size_t column, const char* text) const {
    CatalogProblem problem;
    problem.file = filename == nullptr || real_file == filename ? shown_file : std::string(filename);
    problem.line = lineno == static_cast<std::size_t>(-1) ? 0 : lineno;
    problem.column = column == static_cast<std::size_t>(-1) ? 0 : column;
    std::string message = text ? text : "unknown problem";
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    for (char& c : message)
      if (c == '\n') c = ' ';
    problem.message = message;
    // gettext counts the line break that ended an unterminated string before reporting it.
    if (message == "end-of-line within string" && problem.line > 1) --problem.line;
    return problem;
  }
  void add(int severity, CatalogProblem problem) {
    auto& list = severity == PO_SEVERITY_WARNING ? warnings : errors;
    if (list.size() >= kMaxReportedProblems) { ++dropped; return; }
    list.push_back(std::move(problem));
  }
};

thread_local ErrorCollector* current_collector = nullptr;

extern "C" void collect_xerror(int severity, po_message_t, const char* filename, std::size_t lineno,
                               std::size_t column, int, const char* message_text) {
  if (!current_collector) return;
  current_collector->add(severity, current_collector->make(filename, lineno, column, message_text));
}

extern "C" void collect_xerror2(int severity, po_message_t, const char* filename1, std::size_t lineno1,
                                std::size_t column1, int, const char* message_text1, po_message_t,
                                const char* filename2, std::size_t lineno2, std::size_t, int,
                                const char* message_text2) {
  if (!current_collector) return;
  CatalogProblem problem = current_collector->make(filename1, lineno1, column1, message_text1);
  if (lineno2 != 0 && lineno2 != static_cast<std::size_t>(-1)) {
    const CatalogProblem other = current_collector->make(filename2, lineno2, 0, message_text2);
    problem.message += " (see line " + std::to_string(other.line) + ": " + other.message + ")";
  }
  current_collector->add(severity, std::move(problem));
}

const struct po_xerror_handler kCollectingHandler = {collect_xerror, collect_xerror2};

// libgettextpo leaks small strings on some error paths (gettext 0.21); they are not ours
// to free, so keep LeakSanitizer from failing the tests on them.
struct LeakCheckPause {
#ifdef KIOSK_HAVE_LSAN
  LeakCheckPause() { __lsan_disable(); }
  ~LeakCheckPause() { __lsan_enable(); }
#endif
};

struct PoFileCloser {
  void operator()(po_file_t file) const { if (file) po_file_free(file); }
};
using PoFile = std::unique_ptr<std::remove_pointer_t<po_file_t>, PoFileCloser>;

struct IteratorCloser {
  void operator()(po_message_iterator_t it) const { if (it) po_message_iterator_free(it); }
};

std::string header_field(const std::string& header, const char* field) {
  char* value = po_header_field(header.c_str(), field);
  if (!value) return "";
  std::string text = trim_whitespace(value);
  std::free(value);
  return text;
}

std::string lowercase(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

struct CatalogBuilder {
  static CatalogLoad build(std::string_view bytes, const std::string& real_file, const std::string& shown) {
    CatalogLoad result;
    check_bytes(bytes, shown, result.problems);
    if (!result.problems.empty()) return result;

    ErrorCollector collector{real_file, shown, {}, {}, 0};
    PoFile file;
    {
      [[maybe_unused]] LeakCheckPause pause;
      current_collector = &collector;
      file.reset(po_file_read(real_file.c_str(), &kCollectingHandler));
      current_collector = nullptr;
    }
    result.problems = std::move(collector.errors);
    result.warnings = std::move(collector.warnings);
    if (collector.dropped > 0)
      result.problems.push_back({shown, 0, 0, "... and " + std::to_string(collector.dropped) + " more problems"});
    if (!file) {
      if (result.problems.empty()) result.problems.push_back({shown, 0, 0, "cannot be read as a PO file"});
      return result;
    }
    if (!result.problems.empty()) return result;

    auto catalog = std::make_unique<Catalog>();
    catalog->name_ = shown;
    const std::vector<std::size_t> lines = msgid_lines(bytes);
    std::vector<CatalogMessage> messages;
    bool have_header = false;
    std::size_t live = 0;  // messages seen that are not obsolete, header included
    {
      std::unique_ptr<std::remove_pointer_t<po_message_iterator_t>, IteratorCloser> it(
          po_message_iterator(file.get(), nullptr));
      while (po_message_t message = po_next_message(it.get())) {
        if (po_message_is_obsolete(message)) continue;
        const std::size_t line = live < lines.size() ? lines[live] : 0;
        ++live;
        const char* context = po_message_msgctxt(message);
        const char* msgid = po_message_msgid(message);
        if (!context && msgid && *msgid == '\0') {
          have_header = true;
          catalog->header_ = po_message_msgstr(message) ? po_message_msgstr(message) : "";
          continue;
        }
        CatalogMessage entry;
        if (context) entry.context = context;
        entry.msgid = msgid ? msgid : "";
        entry.line = line;
        entry.fuzzy = po_message_is_fuzzy(message) != 0;
        if (const char* plural = po_message_msgid_plural(message)) {
          entry.msgid_plural = plural;
          for (int i = 0; const char* form = po_message_msgstr_plural(message, i); ++i) entry.msgstr.push_back(form);
        } else {
          const char* msgstr = po_message_msgstr(message);
          entry.msgstr.push_back(msgstr ? msgstr : "");
        }
        messages.push_back(std::move(entry));
      }
    }
    if (lines.size() != live)  // the line scan and libgettextpo disagree: do not guess
      for (auto& entry : messages) entry.line = 0;

    // ---- the header ----
    if (!have_header) {
      result.warnings.push_back({shown, 0, 0, "has no header entry (msgid \"\"): no Language, no Plural-Forms"});
    } else {
      const std::string content_type = header_field(catalog->header_, "Content-Type");
      const auto at = lowercase(content_type).find("charset=");
      const std::string charset = at == std::string::npos ? "" : trim_whitespace(content_type.substr(at + 8));
      const std::string lower = lowercase(charset);
      if (charset == "CHARSET") {
        // a template; libgettextpo has warned already
      } else if (charset.empty()) {
        result.warnings.push_back({shown, 0, 0, "Content-Type names no charset; read as UTF-8"});
      } else if (lower != "utf-8" && lower != "utf8" && lower != "ascii" && lower != "us-ascii") {
        result.problems.push_back({shown, 0, 0, "is in charset " + charset +
                                                    "; the kiosk reads UTF-8 only (convert it with msgconv --to-code=UTF-8)"});
      }
      catalog->language_ = normalize_language_code(header_field(catalog->header_, "Language"));
      const std::string plural_forms = header_field(catalog->header_, "Plural-Forms");
      if (plural_forms.find("INTEGER") != std::string::npos || plural_forms.find("EXPRESSION") != std::string::npos) {
        result.warnings.push_back({shown, 0, 0, "Plural-Forms is the template's placeholder; English's rule is used"});
      } else if (!plural_forms.empty()) {
        std::string error;
        if (auto forms = PluralForms::parse(plural_forms, error)) {
          catalog->plural_ = std::move(*forms);
          catalog->has_plural_forms_ = true;
        } else {
          result.problems.push_back({shown, 0, 0, error});
        }
      }
    }

    // ---- the messages ----
    const std::size_t nplurals = static_cast<std::size_t>(catalog->plural_.nplurals());
    for (std::size_t i = 0; i < messages.size(); ++i) {
      CatalogMessage& entry = messages[i];
      const bool filled = std::all_of(entry.msgstr.begin(), entry.msgstr.end(), [](const std::string& s) { return !s.empty(); });
      entry.translated = !entry.fuzzy && !entry.msgstr.empty() && filled;
      if (entry.is_plural() && entry.translated) {
        if (!catalog->has_plural_forms_) {
          result.problems.push_back({shown, entry.line, 0, "\"" + entry.msgid +
                                        "\" has plural forms, but the header has no Plural-Forms: nplurals=N; plural=EXPRESSION;"});
        } else if (entry.msgstr.size() != nplurals) {
          result.warnings.push_back({shown, entry.line, 0, "\"" + entry.msgid + "\" has " + std::to_string(entry.msgstr.size()) +
                                        " plural forms but Plural-Forms says nplurals=" + std::to_string(nplurals) +
                                        "; English is shown instead"});
          entry.translated = false;
        }
      }
      catalog->index_.emplace(make_key(entry.context, entry.msgid), i);
    }
    catalog->messages_ = std::move(messages);
    if (result.problems.empty()) result.catalog = std::move(catalog);
    return result;
  }
};

const CatalogMessage* Catalog::find_key(std::string_view key) const {
  auto it = index_.find(key);
  return it == index_.end() ? nullptr : &messages_[it->second];
}

const CatalogMessage* Catalog::find(std::string_view msgid) const { return find_key(msgid); }

const CatalogMessage* Catalog::find(std::string_view context, std::string_view msgid) const {
  std::string key(context);
  key += '\x04';
  key += msgid;
  return find_key(key);
}

const char* Catalog::translate(std::string_view msgid) const {
  const CatalogMessage* message = find(msgid);
  return message && message->translated ? message->msgstr[0].c_str() : nullptr;
}

const char* Catalog::translate(std::string_view context, std::string_view msgid) const {
  const CatalogMessage* message = find(context, msgid);
  return message && message->translated ? message->msgstr[0].c_str() : nullptr;
}

const char* Catalog::translate_plural(std::string_view msgid, unsigned long n) const {
  const CatalogMessage* message = find(msgid);
  if (!message || !message->translated || !message->is_plural()) return nullptr;
  const auto index = static_cast<std::size_t>(plural_.index(n));
  return index < message->msgstr.size() ? message->msgstr[index].c_str() : nullptr;
}

CatalogLoad load_catalog_file(const std::string& path) {
  CatalogLoad result;
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    result.problems.push_back({path, 0, 0, "does not exist"});
    return result;
  }
  if (!fs::is_regular_file(status)) {
    result.problems.push_back({path, 0, 0, "is not a regular file"});
    return result;
  }
  const auto size = fs::file_size(path, ec);
  if (!ec && size > kMaxCatalogBytes) {
    result.problems.push_back({path, 0, 0, "is larger than " + std::to_string(kMaxCatalogBytes / (1024 * 1024)) +
                                               " MB; this is not a translation catalog"});
    return result;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    result.problems.push_back({path, 0, 0, std::string("cannot be read: ") + std::strerror(errno)});
    return result;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  return CatalogBuilder::build(buffer.str(), path, path);
}

CatalogLoad load_catalog_text(std::string_view text, const std::string& name) {
  // libgettextpo reads files only: go through a private temporary file.
  CatalogLoad result;
  if (text.size() > kMaxCatalogBytes) {
    check_bytes(text, name, result.problems);
    return result;
  }
  std::error_code ec;
  fs::path dir = fs::temp_directory_path(ec);
  if (ec) dir = "/tmp";
  std::string path = (dir / "kiosk-po-XXXXXX").string();
  const int fd = mkstemp(path.data());
  if (fd < 0) {
    result.problems.push_back({name, 0, 0, std::string("cannot make a temporary file to read it: ") + std::strerror(errno)});
    return result;
  }
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n <= 0) {
      if (n < 0 && errno == EINTR) continue;
      break;
    }
    written += static_cast<std::size_t>(n);
  }
  ::close(fd);
  if (written != text.size()) {
    ::unlink(path.c_str());
    result.problems.push_back({name, 0, 0, "cannot write a temporary file to read it"});
    return result;
  }
  result = CatalogBuilder::build(text, path, name);
  ::unlink(path.c_str());
  return result;
}

}  // namespace kiosk::i18n
