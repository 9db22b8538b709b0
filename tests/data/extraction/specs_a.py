# ruff: noqa: E501
"""Letters 001-050: hand-written claim letters with their expected fields."""

from build import D, G, J, L, P, X

LETTERS = [
L("ru", "damage", "terse, two photos, phone with 8 and dashes",
  "Ольга Смирнова <olga.smirnova78@mail.ru>", "Заказ 77-1045 пришел битый", """
Добрый день. Заказ 77-1045 получили, чайник Vitek VT-7005 — корпус треснул, коробка вся мятая. Фото во вложении. Прошу заменить.
Тел. 8 916 123-45-67
Ольга
""", att=[J("IMG_20261130_141205.jpg"), J("IMG_20261130_141231.jpg")],
  order_number="77-1045", product_name="чайник Vitek VT-7005", product_sku="VT-7005",
  grounds="корпус треснул, коробка вся мятая", demand="replacement", phone="+79161234567"),

L("en", "delay", "rambling, order number in subject only, date written in words",
  "Mark Holloway <mark.holloway@outlook.com>", "Order #A-30417 - where is it??", """
Hi there,

I'm writing about my order which I placed on the 14th of November. At checkout your site promised delivery within 5 working days, and it's now been well over two weeks. I've checked the tracking page every day and it just says "in transit" with no updates since the 19th. I've also tried ringing the number on your site twice and waited on hold for 20 minutes each time before giving up.

It was a birthday present (a JBL Flip 6 speaker) and the birthday has now come and gone, which is frankly pretty disappointing. If it can't be delivered by Friday I'd like to cancel and get my money back - 129.99 EUR.

You can reach me on +353 87 123 4567.

Thanks,
Mark
""", order_number="A-30417", product_name="JBL Flip 6 speaker", purchase_date="2026-11-14",
  grounds="promised delivery within 5 working days, it's now been well over two weeks",
  demand="refund", amount="129.99", currency="EUR", phone="+353871234567"),

L("ru", "shortage", "waybill in XLSX, ordered and received counts in the body",
  "Снабжение ООО Вектор <snab@vektor-stroy.ru>", "Недовложение по накладной ТН-4418", """
Здравствуйте!

При приёмке груза по накладной № ТН-4418 от 27.11.2026 обнаружена недостача: клей для плитки Ceresit CM 11 (арт. CR-CM11) заказывали 40 мешков, по факту пришло 36. Акт приёмки и накладную прикладываем.

Просим довезти недостающие 4 мешка на наш склад: г. Подольск, ул. Комсомольская, 1, склад №3.

Менеджер по снабжению Кравцов Андрей
+7 (495) 777-11-22 доб. 114
""", att=[X("TN-4418.xlsx", ("Артикул", "Наименование", "Кол-во", "Ед."),
             ("CR-CM11", "Клей для плитки Ceresit CM 11, 25 кг", 40, "меш.")),
          D("Акт_приемки_4418.docx", "АКТ о приёмке товара", "Накладная ТН-4418 от 27.11.2026",
            "Ceresit CM 11: по накладной 40, фактически 36.")],
  waybill_number="ТН-4418", product_name="клей для плитки Ceresit CM 11", product_sku="CR-CM11",
  quantity_ordered="40", quantity_received="36", location="г. Подольск, ул. Комсомольская, 1, склад №3",
  grounds="заказывали 40 мешков, по факту пришло 36", demand="delivery_of_missing",
  delivery_date="2026-11-27", phone="+74957771122"),

L("ru", "defect", "windows-1251, no punctuation, amount written as 5 990 р",
  "Гусев Николай <gusev.nik@yandex.ru>", "утюг не греет", """
здравствуйте купил у вас утюг скарлет 20 ноября он через три дня перестал греть вообще лампочка горит а подошва холодная заказ номер 88213 верните деньги 5 990 р
Николай 89057654321
""", cs="windows-1251",
  order_number="88213", product_name="утюг скарлет", grounds="перестал греть вообще лампочка горит а подошва холодная",
  demand="refund", purchase_date="2026-11-20", amount="5990.00", currency="RUB", phone="+79057654321"),

L("en", "wrong_item", "HTML-only, SKU in a table",
  "Priya Natarajan <priya.n@gmail.com>", "Wrong item received - order 55102", """
<html><body><div dir="ltr"><p>Hello,</p>
<p>I ordered a <b>Logitech M185 wireless mouse</b> (SKU LT-M185) but the box contained a K120 keyboard instead.</p>
<table border="1"><tr><th>Ordered</th><th>Received</th></tr><tr><td>LT-M185</td><td>LT-K120</td></tr></table>
<p>Order number 55102, delivered on 26 November. Please send the mouse I actually ordered and tell me how to return the keyboard.</p>
<p>Priya<br>+44 20 7946 0321</p></div></body></html>
""", html=True,
  order_number="55102", product_name="Logitech M185 wireless mouse", product_sku="LT-M185",
  grounds="the box contained a K120 keyboard instead", demand="replacement",
  delivery_date="2026-11-26", phone="+442079460321"),

L("ru", "service", "complaint about courier and support, no goods problem",
  "Ирина Белова <belova.ira@gmail.com>", "Жалоба на курьера", """
Добрый вечер.
Хочу пожаловаться на вашего курьера. Заказ № 91-2207, доставка была назначена на 28.11 с 10 до 14. Курьер приехал в 17:40, не позвонил заранее, нагрубил моей маме и бросил коробку у двери. Когда я позвонила на горячую линию, оператор просто положил трубку.
С товаром всё нормально, но такое отношение недопустимо. Прошу разобраться и компенсировать платную доставку 490 руб.
Ирина, +7 926 555 18 40
""", order_number="91-2207", grounds="Курьер приехал в 17:40, не позвонил заранее, нагрубил моей маме и бросил коробку у двери",
  demand="compensation", delivery_date="2026-11-28", amount="490.00", currency="RUB", phone="+79265551840"),

L("en", "damage", "terse, photo attachment named scan.pdf is a JPEG",
  "Tom Becker <t.becker@becker-haus.de>", "damaged monitor", """
Monitor LG 27MP400 arrived with a cracked screen. Order 60077. Photo attached. Refund please.
Tom
""", att=[J("scan.pdf", ctype="application/pdf")],
  order_number="60077", product_name="Monitor LG 27MP400", grounds="arrived with a cracked screen",
  demand="refund", photos=1),

L("ru", "delay", "transliteration, no punctuation",
  "Dmitry K <dkuznetsov1990@gmail.com>", "zakaz ne prishel", """
Zdravstvuite
zakaz 77-1190 oformlyal 10 noyabrya obeshali dostavit do 20go do sih por nichego net
v otslezhivanii pishet chto posylka v Kazani uzhe nedelyu
esli ne privezete do ponedelnika otmenyaite zakaz i vozvrashaite dengi
Dmitrii
""", order_number="77-1190", purchase_date="2026-11-10",
  grounds="obeshali dostavit do 20go do sih por nichego net", demand="refund"),

L("ru", "defect", "two products, one defective, DOCX claim form",
  "Петрова Анна <a.petrova@stroyinvest.ru>", "Претензия по качеству, счёт СФ-2026/1187", """
Добрый день!

Направляем претензию по счёту СФ-2026/1187. В партии перфораторов Makita HR2470 (арт. MK-HR2470, 5 шт.) два не включаются, а у дрели-шуруповёрта Bosch GSR 120-LI (арт. BO-GSR120, 3 шт.) аккумулятор не держит заряд больше 10 минут.

Просим заменить неисправный инструмент по гарантии. Претензия в приложении.

С уважением,
Анна Петрова, ООО «СтройИнвест»
тел. +7 (812) 334-55-66
""", att=[D("Претензия_1187.docx", "ПРЕТЕНЗИЯ", "По счёту СФ-2026/1187",
            "Перфоратор Makita HR2470 — 2 шт. не включаются.",
            "Дрель-шуруповёрт Bosch GSR 120-LI — аккумулятор не держит заряд.")],
  invoice_number="СФ-2026/1187", product_name=["перфораторов Makita HR2470", "дрели-шуруповёрта Bosch GSR 120-LI"],
  product_sku=["MK-HR2470", "BO-GSR120"], quantity=["5", "3"], unit=["pcs", "pcs"],
  grounds="два не включаются, аккумулятор не держит заряд больше 10 минут", demand="replacement",
  phone="+78123345566"),

L("en", "shortage", "quoted reply below our acknowledgement; only the new text counts",
  "Sarah Quinn <sarah.quinn@quinnandco.co.uk>", "Re: Your claim has been received [ref 2211]", """
Hi,

One more thing I forgot to mention: of the 12 boxes of nitrile gloves (CH-GLOVES) on order 40-8812 only 9 turned up. Could you send the missing 3 boxes please?

Sarah

On Mon, 30 Nov 2026 at 09:12, Mailflow Claims <claims@mailflow-shop.com> wrote:
> Dear customer,
>
> Thank you, we have received your message about order 40-8811 and opened claim 2211.
> We will answer within 2 working days.
>
> Mailflow Shop customer care
""", order_number="40-8812", product_name="nitrile gloves", product_sku="CH-GLOVES", unit="box",
  quantity_ordered="12", quantity_received="9", grounds="of the 12 boxes only 9 turned up",
  demand="delivery_of_missing"),

L("ru", "wrong_item", "koi8-r, colour mismatch",
  '"Семёнов В.П." <semenov_vp@rambler.ru>', "Не тот цвет", """
Здравствуйте. По заказу ЗК-70233 вместо синих гелевых ручек Erich Krause пришли красные, 2 упаковки. Прошу обменять на синие, как было в заказе.
Семёнов Виктор Петрович, Тверь, ул. Советская 14-27
тел 8-904-011-22-33
""", cs="koi8-r",
  order_number="ЗК-70233", product_name="гелевых ручек Erich Krause", quantity="2", unit="pack",
  location="Тверь, ул. Советская 14-27", grounds="вместо синих гелевых ручек пришли красные",
  demand="replacement", phone="+79040112233"),

L("en", "defect", "rambling, purchase date in US format, amount with dollar sign",
  "Jake Morrison <jmorrison.home@yahoo.com>", "Air fryer stopped working", """
Hello,

so I bought the Philips air fryer (HD9252) from you guys back on 11/03/2026 and honestly for the first couple of weeks it was great, we used it almost every day. Then last Sunday it just clicked off halfway through cooking and now it won't turn on at all. Tried different outlets, checked the breaker, nothing. The display doesn't even light up.

I still have the invoice, it's INV-558120, attaching it here. I'd really like a replacement since we use it a lot, but if that's going to take forever then a refund of $149.00 is fine too.

Thanks
Jake Morrison
(617) 555-0199
""", att=[P("INV-558120.pdf", "Mailflow Shop", "Invoice INV-558120", "Date: 2026-11-03",
            "Philips Airfryer HD9252  1 pcs  149.00 USD", "Total: 149.00 USD")],
  invoice_number="INV-558120", product_name="Philips air fryer", product_sku="HD9252",
  grounds="it just clicked off halfway through cooking and now it won't turn on at all",
  demand=["replacement", "refund"], purchase_date="2026-11-03", amount="149.00", currency="USD",
  phone="+16175550199"),

L("ru", "damage", "forwarded chain from the customer's warehouse; the new text carries the facts",
  "Логистика Альфа-Трейд <logistics@alfatrade.ru>", "Fwd: повреждение груза ТН-9021", """
Коллеги, добрый день.
Пересылаю письмо нашего кладовщика. По накладной ТН-9021 пришли 3 коробки с матрасами Орматек 160x200, одна коробка порвана, матрас в грязи и с разрывом чехла. Груз на нашем складе в Химках, Ленинградское ш., 12. Просим заменить 1 матрас.
Фото приложены.

Тел. +7 (916) 800-12-34, Максим

---------- Пересылаемое сообщение ---------
От: Склад Химки <sklad-khimki@alfatrade.ru>
Дата: 30 нояб. 2026 г., 15:02
Тема: повреждение груза
Кому: logistics@alfatrade.ru

Приняли ТН-9021, одна коробка порвана, матрас грязный. Фото во вложении.
""", att=[J("photo_1.jpg"), J("photo_2.jpg"), J("photo_3.jpg")],
  waybill_number="ТН-9021", product_name="матрасами Орматек 160x200", quantity="1", unit="pcs",
  location="на нашем складе в Химках, Ленинградское ш., 12",
  grounds="одна коробка порвана, матрас в грязи и с разрывом чехла", demand="replacement",
  phone="+79168001234"),

L("en", "other", "question about a price change and a promo code, no fault with goods",
  "Lena Fischer <lena.fischer@web.de>", "Promo code not applied", """
Hello,

I placed order 71-3390 on 25.11.2026 with the code BLACKFRIDAY15, the basket showed the discount but the final charge was the full 89.90 EUR. Could you refund the difference of 13.49 EUR to my card?

Kind regards
Lena Fischer
""", order_number="71-3390", purchase_date="2026-11-25",
  grounds="the basket showed the discount but the final charge was the full 89.90 EUR",
  demand="refund", amount="13.49", currency="EUR"),

L("ru", "delay", "HTML-only from a corporate client, contract number",
  "Закупки Ромашка <zakupki@romashka-group.ru>", "Срыв сроков поставки по договору № Д-45/2026", """
<html><body><p>Добрый день.</p>
<p>По договору поставки № Д-45/2026 от 01.10.2026 и заказу <b>ЗК-70410</b> срок отгрузки был <b>20.11.2026</b>. На сегодня товар (стеллажи металлические 5 полок, 24 шт.) не поставлен.</p>
<p>В соответствии с п. 6.2 договора выставляем неустойку в размере 12 480,00 руб. Просим сообщить новую дату поставки.</p>
<p>--<br>Отдел закупок ООО «Ромашка»<br>Тел.: +7 343 222-33-44</p></body></html>
""", html=True,
  contract_number="Д-45/2026", order_number="ЗК-70410", product_name="стеллажи металлические 5 полок",
  quantity="24", unit="pcs", grounds="срок отгрузки был 20.11.2026, товар не поставлен",
  demand="compensation", amount="12480.00", currency="RUB", phone="+73432223344"),

L("ru", "defect", "order number only in the attached PDF invoice",
  "Мария <maria.lebedeva@inbox.ru>", "Блендер сломался", """
Здравствуйте, купила у вас блендер Braun, на третий раз использования отвалилась насадка и пошёл запах гари. Счёт прикладываю. Хочу ремонт по гарантии или замену.
Мария Лебедева
""", att=[P("schet.pdf", "Mailflow Shop", "Invoice 2026-11-0457", "Order ZK-70388",
            "Braun MQ 5137 blender  1 pcs  7490.00 RUB")],
  order_number="ZK-70388", invoice_number="2026-11-0457", product_name="блендер Braun",
  grounds="отвалилась насадка и пошёл запах гари", demand=["repair", "replacement"]),

L("en", "damage", "several products, amounts per item, rambling",
  "Helen Park <helen.park@parkfamily.net>", "Broken dishes in order 82-0051", """
Good afternoon,

Our order 82-0051 was delivered yesterday, 30 November, and I'm sorry to say it was a bit of a disaster. The outer carton looked like it had been dropped from a height - one corner was completely crushed.

Inside:
- Luminarc dinner set (24 pieces): 7 plates broken, the rest chipped
- Tefal Expertise frying pan 28 cm: handle bent
- Thermos 0.5 l: fine, no problem

I've taken photos of everything (attached). I'd like a refund for the dinner set (£45.00) and a replacement pan.

Helen Park
07911 123456
""", att=[J("IMG_0412.JPG"), J("IMG_0413.JPG"), G("Screenshot 2026-11-30 at 18.02.11.png")],
  order_number="82-0051", product_name=["Luminarc dinner set", "Tefal Expertise frying pan 28 cm"],
  delivery_date="2026-11-30", grounds="7 plates broken, the rest chipped; handle bent",
  demand=["refund", "replacement"], amount="45.00", currency="GBP", phone="+447911123456"),

L("ru", "shortage", "terse, forwarded courier text not counted",
  "Алексей <alex.voronin@gmail.com>", "Не хватает одной коробки", """
Заказ 77-2051. Должно было быть 3 места, привезли 2. Не хватает коробки с полками для стеллажа. Довезите пожалуйста.
Алексей 8 999 203 44 55

-------- Пересылаемое сообщение --------
От: noreply@cdek.ru
Тема: Заказ доставлен

Ваш заказ 1098876543 доставлен. Количество мест: 3.
""", order_number="77-2051", quantity_ordered="3", quantity_received="2",
  grounds="Должно было быть 3 места, привезли 2", demand="delivery_of_missing", phone="+79992034455"),

L("en", "service", "installation service complaint, contract number",
  "Gary Lewis <gary.lewis@lewisplumbing.com>", "Washing machine installation", """
Hi,

Under service contract SC-2026-0917 your installer was meant to connect our new Indesit washing machine on 27 Nov. He turned up, said he didn't have the right hose and left. We took a day off work for that. Nobody has called to rebook.

I want the installation fee of $60 refunded and a new slot this week.

Gary Lewis, 212-555-0147
""", contract_number="SC-2026-0917", product_name="Indesit washing machine",
  grounds="said he didn't have the right hose and left", demand="refund",
  delivery_date="2026-11-27", amount="60.00", currency="USD", phone="+12125550147"),

L("ru", "damage", "photos only in HTML-only letter, amount 'тыс.'",
  "Кирилл Осипов <k.osipov@list.ru>", "Разбит телевизор!!!", """
<div>Здравствуйте!!!<br><br>Получил сегодня телевизор Samsung UE43AU7100 по заказу <b>ЗК-70502</b>, открыл коробку — матрица разбита, по экрану трещина от угла до угла. Курьер уже уехал.<br><br>Требую вернуть 32,5 тыс. руб. или привезти новый телевизор.<br><br>Кирилл<br>+7-912-345-67-89</div>
""", html=True, att=[J("tv1.jpeg"), J("tv2.jpeg")],
  order_number="ЗК-70502", product_name="телевизор Samsung UE43AU7100", product_sku="UE43AU7100",
  grounds="матрица разбита, по экрану трещина от угла до угла", demand=["refund", "replacement"],
  amount="32500.00", currency="RUB", phone="+79123456789"),

L("en", "delay", "terse, no numbers except order",
  "noah.w <noah.w@protonmail.com>", "late", """
order 90-1177 still not here. 3 weeks. cancel it.
""", order_number="90-1177", grounds="still not here. 3 weeks", demand="refund"),

L("ru", "wrong_item", "article in the file name of a photo, quantity written in words",
  "Татьяна Рыбакова <tanya.ryba@yandex.ru>", "Прислали не тот комплект", """
Добрый день,

заказывала комплект постельного белья двуспальный сатин, а пришёл полуторный бязь. Две штуки. Заказ 88-4120 от 23 ноября. Фото этикетки прикладываю. Прошу заменить на то, что заказывала, забрать неправильный можно по адресу: Казань, ул. Баумана 5, кв 12.

Татьяна
""", att=[J("TX-BED2_etiketka.jpg")],
  order_number="88-4120", product_name="комплект постельного белья двуспальный сатин", product_sku="TX-BED2",
  quantity="2", unit="pcs", location="Казань, ул. Баумана 5, кв 12",
  grounds="заказывала двуспальный сатин, а пришёл полуторный бязь", demand="replacement",
  purchase_date="2026-11-23"),

L("en", "defect", "Outlook reply above our acknowledgement",
  "Daniel Ortiz <daniel.ortiz@ortiz-design.es>", "RE: Claim 2240 received", """
Hello again,

Adding the details you asked for: the coffee machine is the De'Longhi EC685, serial 2311-88410, bought 2 November 2026, order 66-0021. It leaks water from under the group head every time I pull a shot. I would like it repaired or replaced.

Phone: +34 612 345 678

Daniel

From: Mailflow Claims <claims@mailflow-shop.com>
Sent: Monday, November 30, 2026 11:40 AM
To: Daniel Ortiz <daniel.ortiz@ortiz-design.es>
Subject: Claim 2240 received

Dear customer, we have received your claim 2240. Please send the order number, the product and photos.
""", order_number="66-0021", product_name="De'Longhi EC685", product_sku="EC685",
  grounds="It leaks water from under the group head every time I pull a shot",
  demand=["repair", "replacement"], purchase_date="2026-11-02", phone="+34612345678"),

L("ru", "other", "request for documents, not a fault",
  "Бухгалтерия ИП Карпов <buh.karpov@mail.ru>", "Нет закрывающих документов", """
Здравствуйте. По счёту № 5521 от 12.11.2026 оплата прошла, товар получен, но не пришли УПД и счёт-фактура. Без них не можем провести поставку. Просим направить оригиналы по адресу: 603000, Нижний Новгород, ул. Ильинская, 40, оф. 3, ИП Карпов.
Главбух Светлана, 8 (831) 412-00-95
""", invoice_number="5521", purchase_date="2026-11-12",
  grounds="не пришли УПД и счёт-фактура", phone="+78314120095"),

L("ru", "damage", "typos, amount with 'руб' and kopecks via comma",
  "Гульнара <gulnara.ismail@mail.ru>", "повреждение при доставке", """
здраствуйте.заказ 91-3310 ,привезли комод мальм а у него боковина раскалота и ящик погнут.курер сказал пишите претензию.прошу вернуть деньги 12 499,00 руб или поменять.
фото прилогаю
Гульнара Т.  +79172223344
""", att=[J("20261201_101533.jpg"), J("20261201_101540.jpg")],
  order_number="91-3310", product_name="комод мальм", grounds="боковина раскалота и ящик погнут",
  demand=["refund", "replacement"], amount="12499.00", currency="RUB", phone="+79172223344"),

L("en", "shortage", "XLSX packing list with several SKUs, two short",
  "Warehouse Team <receiving@brightoffice.co.uk>", "Short delivery - PO 7781 / invoice INV-560031", """
Hello,

We received delivery against our PO 7781 (your invoice INV-560031) on 1 December. The goods-in check found two lines short:

HP-CF244A toner: ordered 20, received 15
SV-A4-500 copy paper: ordered 50 boxes, received 48

The full packing list is attached. Please dispatch the missing items to our Leeds warehouse, Unit 4, Kirkstall Industrial Park, LS5 3BT.

Regards,
Chris Dunn
Goods-in, Bright Office Ltd
""", att=[X("packing_list_INV-560031.xlsx", ("SKU", "Description", "Ordered", "Received"),
             ("HP-CF244A", "HP CF244A toner", 20, 15), ("SV-A4-500", "SvetoCopy A4", 50, 48),
             ("ER-GL100", "Gel pen blue", 100, 100))],
  order_number="7781", invoice_number="INV-560031", product_name=["HP CF244A toner", "copy paper"],
  product_sku=["HP-CF244A", "SV-A4-500"], unit=["pcs", "box"], quantity_ordered=["20", "50"],
  quantity_received=["15", "48"], location="Leeds warehouse, Unit 4, Kirkstall Industrial Park, LS5 3BT",
  grounds="two lines short", demand="delivery_of_missing", delivery_date="2026-12-01"),

L("ru", "defect", "rambling, quality of food product, amount in words and digits",
  "Светлана Игоревна <svetlana.ig@yandex.ru>", "Кофе просроченный?", """
Добрый день, уважаемый магазин!

Пишу вам уже не первый раз, но раньше всё было хорошо, поэтому сейчас особенно обидно. Заказала 26 ноября две пачки кофе Lavazza Qualita Oro в зёрнах по 1 кг (заказ 70-5530). Открыла первую пачку — запах затхлый, зёрна маслянистые и слипшиеся, на вкус горечь и кислятина. Посмотрела на дату — срок годности до октября 2026, то есть уже истёк! Вторую пачку даже открывать не стала.

Как так можно продавать? Прошу вернуть деньги за обе пачки — 3 980 рублей (три тысячи девятьсот восемьдесят).

С уважением,
Светлана Игоревна
телефон 8 921 765 43 21
""", order_number="70-5530", product_name="кофе Lavazza Qualita Oro в зёрнах", quantity="2", unit="pack",
  grounds="запах затхлый, зёрна маслянистые и слипшиеся, срок годности истёк", demand="refund",
  purchase_date="2026-11-26", amount="3980.00", currency="RUB", phone="+79217654321"),

L("en", "wrong_item", "order number only in the PDF file name",
  "Olivia Grant <olivia.grant@icloud.com>", "Wrong size", """
Hi, I ordered the 160x200 mattress and got a 140x200 one. It doesn't fit our bed frame. Please swap it. The order confirmation is attached.

Olivia
""", att=[P("Order_Confirmation_82-0377.pdf", "Mailflow Shop", "Thank you for your order!",
            "Ormatek orthopedic mattress 160x200  1 pcs")],
  order_number="82-0377", product_name="160x200 mattress", grounds="ordered the 160x200 mattress and got a 140x200 one",
  demand="replacement"),

L("ru", "service", "return refund not received, quoted reply in Gmail Russian style",
  "Павел Ефимов <p.efimov@gmail.com>", "Re: Возврат по заказу 77-0987", """
Прошло уже 14 рабочих дней, а деньги за возвращённый триммер Huter так и не пришли. Вы обещали 10 дней. Сумма 6 750 ₽. Прошу ускорить возврат.

Павел

вт, 17 нояб. 2026 г. в 12:05, Mailflow Shop <claims@mailflow-shop.ru>:
> Здравствуйте! Возврат оформлен, деньги поступят в течение 10 рабочих дней.
> С уважением, служба заботы о клиентах
""", order_number="77-0987", product_name="триммер Huter",
  grounds="деньги за возвращённый триммер так и не пришли", demand="refund",
  amount="6750.00", currency="RUB"),

L("en", "damage", "terse, waybill number, location as a city",
  "Ahmed Khan <a.khan@khanmotors.ae>", "Tyres damaged - waybill WB-220915", """
4 Nokian Hakkapeliitta 205/55 R16 tyres delivered with cuts on the sidewall, waybill WB-220915. Goods are at our Dubai workshop. Replace all 4 please. +971 50 123 4567
""", waybill_number="WB-220915", product_name="Nokian Hakkapeliitta 205/55 R16 tyres", quantity="4", unit="pcs",
  location="our Dubai workshop", grounds="delivered with cuts on the sidewall", demand="replacement",
  phone="+971501234567"),

L("ru", "delay", "quoted history of our promise; the new text is short",
  "Елена Крылова <krylova.elena@bk.ru>", "Re: Ваш заказ ЗК-70299 передан в доставку", """
И где? Уже 1 декабря. Обещали 25 ноября. Требую неустойку 0,5% в день по закону о защите прав потребителей.

Крылова Е.

25.11.2026 09:30, Mailflow Shop пишет:
> Ваш заказ ЗК-70299 передан в службу доставки. Ожидаемая дата доставки: 25.11.2026.
""", order_number="ЗК-70299", grounds="Обещали 25 ноября", demand="compensation"),

L("ru", "defect", "DOCX complaint is the whole claim; body nearly empty",
  "ООО Техносервис <office@tehnoservis-nsk.ru>", "Претензия", """
Добрый день, претензия во вложении.
""", att=[D("Претензия №14 от 01.12.2026.docx", "ООО «Техносервис», г. Новосибирск",
            "ПРЕТЕНЗИЯ № 14",
            "По договору поставки № 17/26-П и счёту № СФ-3390 от 10.11.2026 получены принтеры HP LaserJet 107a (арт. HP-LJ107A) в количестве 6 шт.",
            "У 3 принтеров при печати на листах полосы и пятна тонера, замена картриджа не помогла.",
            "Требуем заменить 3 принтера на исправные.",
            "Контактное лицо: Зайцев Олег, тел. +7 (383) 209-10-10")],
  contract_number="17/26-П", invoice_number="СФ-3390", product_name="принтеры HP LaserJet 107a",
  product_sku="HP-LJ107A", quantity="6", unit="pcs",
  grounds="при печати на листах полосы и пятна тонера, замена картриджа не помогла",
  demand="replacement", purchase_date="2026-11-10", phone="+73832091010"),

L("en", "delay", "rambling, forwarded carrier notice; new text carries the facts",
  "Chloe Martin <chloe.martin@orange.fr>", "Fwd: Delivery exception", """
Hello,

see below - the carrier now says "address not found" although it's the same address I've used for all my previous orders. The order is 71-4002 (a Bosch GSR 120 drill, a birthday gift for my dad, ordered 18 November). It was due on the 24th. I've been waiting at home two days for nothing.

Please either deliver it this week or refund me (119 EUR).

Chloe
+33 6 12 34 56 78

---------- Forwarded message ---------
From: DPD <noreply@dpd.fr>
Date: Mon, 30 Nov 2026 at 16:21
Subject: Delivery exception
To: <chloe.martin@orange.fr>

Parcel 0992 1887 2231: address not found. Your parcel will be returned to the sender.
""", order_number="71-4002", product_name="Bosch GSR 120 drill", purchase_date="2026-11-18",
  grounds="the carrier now says address not found; it was due on the 24th", demand="refund",
  amount="119.00", currency="EUR", phone="+33612345678"),

L("ru", "shortage", "weight-based shortage in kg",
  "Зоомагазин Лапа <lapa.zoo@mail.ru>", "Недовес корма", """
Здравствуйте, по накладной 118 от 28.11 получили корм Pro Plan, по документам 150 кг (10 мешков по 15), при взвешивании 141,5 кг — три мешка надорваны и корм высыпался. Просим компенсировать недостающие 8,5 кг или заменить мешки.
Магазин «Лапа», Самара, Московское ш. 31
+7 846 300 40 50
""", waybill_number="118", product_name="корм Pro Plan", unit="kg",
  quantity_ordered="150", quantity_received="141.5", location="Самара, Московское ш. 31",
  grounds="три мешка надорваны и корм высыпался", demand=["compensation", "replacement"],
  delivery_date="2026-11-28", phone="+78463004050"),

L("en", "defect", "HTML-only with quoted blockquote of our earlier reply",
  "Ben Carter <ben.carter@gmail.com>", "Re: Thermos leaking", """
<div>Sorry, forgot to add: it&#39;s order 60-2231, the Thermos 0.5 l flask, bought 20/11/2026. The lid doesn&#39;t seal, tea leaks into my bag. I&#39;d like a replacement.</div>
<div><br></div>
<div class="gmail_quote"><div class="gmail_attr">On Tue, 1 Dec 2026 at 10:02, Mailflow Claims &lt;claims@mailflow-shop.com&gt; wrote:<br></div>
<blockquote class="gmail_quote">Dear customer, please tell us the order number. Order 60-0000 refers to another customer.</blockquote></div>
""", html=True,
  order_number="60-2231", product_name="Thermos 0.5 l flask", grounds="The lid doesn't seal, tea leaks into my bag",
  demand="replacement", purchase_date="2026-11-20"),

L("ru", "damage", "transliteration with product in Latin, PDF waybill",
  "Sergey Pavlov <pavlov.sergey@gmail.com>", "povrezhdenie pri dostavke", """
Dobryi den. Privezli velosiped Stels Navigator 26, rama pognuta i krylo slomano, korobka byla probita. Nakladnaya vo vlozhenii. Proshu zamenit velosiped.
Sergei, tel 8 903 777 55 11
""", att=[P("nakladnaya.pdf", "Waybill TN-9355", "Stels Navigator 26 bicycle  1 pcs", "Date 2026-11-29")],
  waybill_number="TN-9355", product_name="velosiped Stels Navigator 26", grounds="rama pognuta i krylo slomano, korobka byla probita",
  demand="replacement", delivery_date="2026-11-29", phone="+79037775511"),

L("en", "wrong_item", "several products swapped",
  "Maria Rossi <maria.rossi@libero.it>", "Order 82-1140 - items mixed up", """
Dear Sir or Madam,

In my order 82-1140 I asked for 2 packs of Greenfield green tea (100 bags) and 1 yoga mat. I received 2 packs of black tea and a set of dumbbells which I never ordered. Please collect the wrong items and send what I ordered.

Maria Rossi
Via Roma 22, Milano
""", order_number="82-1140", product_name=["Greenfield green tea", "yoga mat"], quantity=["2", "1"],
  unit=["pack", "pcs"], location="Via Roma 22, Milano",
  grounds="I received 2 packs of black tea and a set of dumbbells which I never ordered",
  demand="replacement"),

L("ru", "other", "asks to cancel an order before shipping",
  "Виктор Андреевич <vik.andr@rambler.ru>", "Отмена заказа", """
Добрый день. Прошу отменить заказ 77-3302, передумал покупать. Деньги 2 150 р. верните на карту.
""", order_number="77-3302", grounds="передумал покупать", demand="refund", amount="2150.00", currency="RUB"),

L("ru", "delay", "windows-1251, corporate, waybill and contract",
  "Диспетчер ТК Север <dispatcher@tk-sever.ru>", "Задержка поставки Ротбанд", """
Добрый день.
По договору 12-П/2026 ожидали штукатурку Knauf Ротбанд 25 кг, 80 мешков, к 26.11.2026. Поставка не пришла, бригада простаивает. Просим сообщить сроки и возместить простой — 18 000 руб.
Объект: г. Архангельск, пр. Ломоносова, 181, стройплощадка.
Диспетчер Нина, 8(8182)65-43-21
""", cs="windows-1251",
  contract_number="12-П/2026", product_name="штукатурку Knauf Ротбанд 25 кг", quantity="80", unit="pcs",
  location="г. Архангельск, пр. Ломоносова, 181, стройплощадка",
  grounds="Поставка не пришла, бригада простаивает", demand="compensation",
  amount="18000.00", currency="RUB", phone="+78182654321"),

L("en", "damage", "PNG photos and PDF delivery note, amount with comma thousand separator",
  "Procurement <procurement@northwind-labs.com>", "Damaged fridge on delivery - DN 55-7712", """
Hello,

The Bosch KGN39 fridge delivered this morning under delivery note DN 55-7712 has a large dent on the left door and the door seal is torn. Our office manager refused to sign until the driver noted it on the delivery note (attached, see remarks).

We would accept a price reduction of $300 if the fridge works, otherwise replacement. Invoice value $1,249.00.

Office: 55 Water Street, 4th floor, New York.

Ella Brooks
+1 212 555 0147
""", att=[G("dent.png"), G("seal.png"), P("DN_55-7712.pdf", "Delivery note DN 55-7712",
            "Bosch KGN39VL25R fridge  1 pcs", "Remarks: dent on left door, seal torn")],
  waybill_number="DN 55-7712", product_name="Bosch KGN39 fridge", location="55 Water Street, 4th floor, New York",
  grounds="large dent on the left door and the door seal is torn", demand=["price_reduction", "replacement"],
  amount="300.00", currency="USD", phone="+12125550147"),

L("ru", "defect", "several products, no order number, phone in international format with spaces",
  "Юлия <yulia_m_88@mail.ru>", "Брак", """
Здравствуйте! В посылке было три вещи: полотенце махровое 70х140 — расползлись швы после первой стирки, подушка Fibre 50х70 — внутри комки, наполнитель сбился, а набор ножей Беккер в порядке. Хочу вернуть деньги за полотенце и подушку.
Юлия +7 985 110 20 30
""", product_name=["полотенце махровое 70х140", "подушка Fibre 50х70"],
  grounds="расползлись швы после первой стирки; внутри комки, наполнитель сбился", demand="refund",
  phone="+79851102030"),

L("en", "service", "wrong charge twice on the card",
  "Oscar Lindqvist <oscar.lindqvist@telia.se>", "Charged twice", """
Hi, my card was charged twice for order 71-5120 (2 x 54.00 EUR on 28 Nov). Please refund one of the payments. Bank statement screenshot attached.
Oscar
""", att=[G("statement.png")],
  order_number="71-5120", grounds="my card was charged twice", demand="refund",
  purchase_date="2026-11-28", amount="54.00", currency="EUR"),

L("ru", "shortage", "set missing parts, 'компл.' unit",
  "Андрей Соколов <sokolov.andrey@yandex.ru>", "Некомплект стола", """
Добрый день. Заказ ЗК-70611, стол письменный Лайт 140 см, 1 компл. В коробке нет ножек и пакета с фурнитурой, собрать невозможно. Прошу допоставить недостающие детали.
Соколов А., Екатеринбург, ул. Малышева 73, кв. 45
89221234567
""", order_number="ЗК-70611", product_name="стол письменный Лайт 140 см", quantity="1", unit="set",
  location="Екатеринбург, ул. Малышева 73, кв. 45", grounds="В коробке нет ножек и пакета с фурнитурой",
  demand="delivery_of_missing", phone="+79221234567"),

L("en", "defect", "terse, SKU only, no product name",
  "kim.jh <kim.jh@naver.com>", "RD-M903 broken", """
RD-M903 lid won't lock, error E3. Order 60-3380. Repair or new one.
""", order_number="60-3380", product_sku="RD-M903", grounds="lid won't lock, error E3",
  demand=["repair", "replacement"]),

L("ru", "damage", "koi8-r, rambling, location warehouse",
  "Склад ИП Мухаметов <sklad.muhametov@mail.ru>", "Бой плитки", """
Добрый день!

Пишу по поводу поставки плитки Kerama Marazzi 30х60 по счёту 4471. Машина пришла 30 ноября, разгружали при водителе. Из 20 упаковок 6 оказались с боем - плитка треснула пополам, видно, что паллет плохо закрепили и он ехал на боку. Водитель отметил в накладной, но подписывать акт отказался.

Вся партия сейчас у нас на складе в Уфе, ул. Индустриальное шоссе, 44. Просим заменить 6 упаковок или уменьшить стоимость на 9 600 руб.

Рустам Мухаметов
8 917 400-40-40
""", cs="koi8-r",
  invoice_number="4471", product_name="плитки Kerama Marazzi 30х60", quantity="6", unit="pack",
  location="на складе в Уфе, ул. Индустриальное шоссе, 44", grounds="плитка треснула пополам",
  demand=["replacement", "price_reduction"], delivery_date="2026-11-30", amount="9600.00",
  currency="RUB", phone="+79174004040"),

L("en", "other", "feedback about packaging waste, no demand",
  "Grace Wu <grace.wu@fastmail.com>", "Too much plastic", """
Hello - not a complaint about the product, the kettle from order 60-4410 works fine. But it came in a box three times its size filled with plastic air pillows. Please consider less packaging. Thanks, Grace
""", order_number="60-4410", product_name="kettle", grounds="came in a box three times its size filled with plastic air pillows"),

L("ru", "delay", "terse, HTML-only with phone link",
  "Рамиль <ramil.h@mail.ru>", "ЗК-70702 не доставлен", """
<p>Заказ ЗК-70702 не доставлен, срок был 27.11. Верните деньги.</p><p><a href="tel:+79375556677">+7 937 555-66-77</a></p>
""", html=True,
  order_number="ЗК-70702", grounds="не доставлен, срок был 27.11", demand="refund", phone="+79375556677"),

L("en", "wrong_item", "transliterated Russian customer writing in English",
  "Vladimir Orlov <v.orlov@gmail.com>", "wrong cable", """
Hello, i order cable VVGng 3x2.5 50 meters (order 88-5001) but you send 3x1.5. Its not ok for my oven. Please change, i need 50 m of 3x2.5.
Vladimir, Riga, +371 2912 3456
""", order_number="88-5001", product_name="cable VVGng 3x2.5", quantity="50", unit="m",
  location="Riga", grounds="you send 3x1.5", demand="replacement", phone="+37129123456"),

L("ru", "defect", "quality complaint, JPEG attached as application/octet-stream",
  "Наталья В. <nat.vlasova@gmail.com>", "Сковорода Tefal облезла", """
Здравствуйте, сковорода Tefal Expertise 28 см (арт. TS-PAN28), купила 5 ноября 2026, через две недели покрытие начало облезать кусками. Пользовалась только деревянной лопаткой. Фото во вложении. Прошу заменить или вернуть 3 290 руб.
Наталья Власова, 8 (916) 222-33-44
""", att=[J("IMG_5521.jpg", ctype="application/octet-stream")],
  product_name="сковорода Tefal Expertise 28 см", product_sku="TS-PAN28",
  grounds="через две недели покрытие начало облезать кусками", demand=["replacement", "refund"],
  purchase_date="2026-11-05", amount="3290.00", currency="RUB", phone="+79162223344"),

L("en", "shortage", "HTML-only, rambling, ordered vs received in prose",
  "Rachel Adams <rachel@adamsbakery.com>", "Missing napkins and gloves", """
<p>Hi team,</p>
<p>Our weekly order (#40-9915) arrived Thursday 26 November. We ordered <b>30 packs</b> of paper napkins and only <b>18 packs</b> came. The driver said the rest would follow on a second van which never showed up. We run a bakery and ran out by Saturday, so we had to buy napkins at the supermarket at almost double the price.</p>
<p>Please send the remaining 12 packs, and we would appreciate a credit of $25 for the extra cost.</p>
<p>Rachel Adams<br>Adams Bakery, 14 Elm Street, Boston<br>617-555-0199</p>
""", html=True,
  order_number="40-9915", product_name="paper napkins", unit="pack", quantity_ordered="30",
  quantity_received="18", location="Adams Bakery, 14 Elm Street, Boston",
  grounds="We ordered 30 packs of paper napkins and only 18 packs came",
  demand=["delivery_of_missing", "compensation"], delivery_date="2026-11-26", amount="25.00",
  currency="USD", phone="+16175550199"),

L("ru", "damage", "order number only in the file name of a PDF, body has no number",
  "Денис <denis.frolov@yandex.ru>", "Разбитая колонка", """
Колонку JBL Flip 6 привезли с треснувшим корпусом, видно что коробку роняли. Документ о заказе прикладываю. Хочу новую колонку.
Денис Фролов
""", att=[P("zakaz_88-6102.pdf", "Mailflow Shop", "JBL Flip 6  1 pcs  11990.00 RUB"), J("photo.jpg")],
  order_number="88-6102", product_name="колонку JBL Flip 6", grounds="привезли с треснувшим корпусом",
  demand="replacement"),

L("en", "service", "rude support and no callback",
  "Peter Novak <peter.novak@seznam.cz>", "Complaint about your support line", """
Hello,

I called your support line three times this week (28, 29 and 30 November) about my order 71-6003. Each time I was promised a call back within an hour and nobody ever called. The last agent told me "that's not my problem". I'm not asking for money, just for someone to actually call me: +420 601 234 567.

Peter Novak
""", order_number="71-6003", grounds="promised a call back within an hour and nobody ever called",
  phone="+420601234567"),
]
